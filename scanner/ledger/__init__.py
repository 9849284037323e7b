"""The 個人情報管理台帳: the policy's categories matched against the inventory.

`policy` reads `[policy]`, `holdings` turns inventory assets into holdings (a folder,
an archive or a database table, per category), `access` says who can read them,
`persons` estimates how many people they concern, `violations` compares them with the
policy and `impact` answers what a leak would require to be reported.
"""
