"""The personal-data inventory (where personal data was found; the 個人情報管理台帳 is
`scanner.ledger`'s): scans, assets, findings, fingerprints."""
