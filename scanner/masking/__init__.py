"""Masking: operators, keyed surrogates, format-preserving writers and the leak check.

Nothing here is imported on the CLI start-up path; `scanner.commands.mask` and
`scanner.commands.mask_db` import these modules inside `run`.
"""
