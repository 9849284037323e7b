"""The personal-data inventory (個人情報管理台帳): scans, assets, findings, fingerprints."""
