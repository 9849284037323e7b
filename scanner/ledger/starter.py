"""The commented starter policy written by `mamoru policy init` (Japanese or English)."""

from __future__ import annotations

STARTER_JA = '''\
# mamoru の個人情報取扱ポリシー（個人情報管理台帳のもと）
# 会社のプライバシーポリシーに合わせて編集してください。
# `mamoru ledger -o 台帳.xlsx` がこのカテゴリと走査結果を突き合わせて台帳を作り、
# `mamoru ledger --check` が食い違い（違反）を報告します。
#
# キー:
#   id         変えない管理用のキー（英数字・-・_）。管理番号の頭に付きます
#   name       個人情報の名称（業務）
#   purposes   利用目的（プライバシーポリシーで公表しているもの）
#   owner      管理責任者・管理部署
#   retention  保存期間: "90d"（日）、"6m"（月）、"3y"（年）、"indefinite"（無期限）
#   locations  保管してよい場所。走査したフォルダからの相対パスの glob（gitignore と同じ書き方）
#              と、データベースの db:スキーマ.テーブル[.列]（MariaDB ではスキーマ＝データベース名）
#   my_number  特定個人情報（個人番号）を保管してよいか
#   entrusted  委託元から預かったデータか（この場所の外で見つかると違反）
#   entities   この場所にあってよい情報の種類（省略するとすべて）
#   sensitive  要配慮個人情報（健康診断の結果など）を業務上保管するか
#
# ファイルは上に書いたカテゴリから順に照合し、最初に当てはまったものになります。

[[policy.categories]]
id = "client-dev"
name = "受託開発で委託元から預かる個人情報"
purposes = ["受託したシステムの開発・保守（委託契約の範囲内に限る）"]
owner = "開発部"
retention = "90d"            # 契約終了後は速やかに返却・削除
locations = ["clients/**", "db:client_*.*"]
my_number = false
entrusted = true
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH"]

[[policy.categories]]
id = "inquiries"
name = "ウェブサイトからのお問い合わせ"
purposes = ["お問い合わせへの回答", "サービスのご案内"]
owner = "営業部"
retention = "3y"
locations = ["inquiries/**", "db:web.inquiries"]
my_number = false
entrusted = false
entities = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_ADDRESS", "JP_POSTAL_CODE",
            "IP_ADDRESS", "JP_CORPORATE_NUMBER"]

[[policy.categories]]
id = "applicants"
name = "採用応募者に関する個人情報"
purposes = ["採用選考", "採用に関するご連絡"]
owner = "人事部"
retention = "1y"             # 不採用の方の書類は選考終了から 1 年で廃棄
locations = ["recruit/**", "db:hr.applicants"]
my_number = false
entrusted = false
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH"]

[[policy.categories]]
id = "my-number"
name = "特定個人情報（従業員・支払先の個人番号）"
purposes = ["源泉徴収票作成事務", "健康保険・厚生年金保険届出事務", "支払調書作成事務"]
owner = "総務部（事務取扱担当者）"
retention = "7y"             # 法定の保存期間が過ぎたら速やかに削除
locations = ["hr/mynumber/**", "db:hr.my_numbers"]
my_number = true
entrusted = false
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "DATE_OF_BIRTH"]

[[policy.categories]]
id = "employees"
name = "従業員等に関する個人情報"
purposes = ["人事管理の手続き", "給与管理の手続き", "社会保険の手続き"]
owner = "総務部"
retention = "7y"
locations = ["hr/**", "db:hr.*"]
my_number = false            # 個人番号は上の my-number の場所だけ
entrusted = false
sensitive = true             # 健康診断の結果を含む
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH", "JP_BANK_ACCOUNT", "JP_PENSION_NUMBER", "JP_EMPLOYMENT_INSURANCE"]
'''

STARTER_EN = '''\
# mamoru personal-data policy (the basis of the 個人情報管理台帳, the ledger).
# Edit it to match your privacy policy. `mamoru ledger -o ledger.xlsx` matches these
# categories with the scans; `mamoru ledger --check` reports where they differ.
#
# Keys:
#   id         stable key (letters, digits, - and _); it starts every ledger ID
#   name       name of the personal data (the business it serves)
#   purposes   purposes of use, as published in the privacy policy
#   owner      person or department responsible
#   retention  how long it is kept: "90d", "6m", "3y" or "indefinite"
#   locations  where it may be kept: globs on paths relative to a scanned folder
#              (gitignore rules), and db:SCHEMA.TABLE[.COLUMN] for databases
#              (on MariaDB the schema is the database name)
#   my_number  whether My Numbers (特定個人情報) may be kept here
#   entrusted  data entrusted by a client (委託): found outside its places = violation
#   entities   the types of data expected here (leave out to allow any)
#   sensitive  whether sensitive data (要配慮個人情報, e.g. health checks) is kept here
#
# Files are matched against the categories in order; the first that covers them wins.

[[policy.categories]]
id = "client-dev"
name = "Client data entrusted for application development"
purposes = ["Developing and maintaining the client's system, within the contract only"]
owner = "Development"
retention = "90d"            # return or delete when the contract ends
locations = ["clients/**", "db:client_*.*"]
my_number = false
entrusted = true
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH"]

[[policy.categories]]
id = "inquiries"
name = "Website inquiries"
purposes = ["Answering inquiries", "Information about our services"]
owner = "Sales"
retention = "3y"
locations = ["inquiries/**", "db:web.inquiries"]
my_number = false
entrusted = false
entities = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_ADDRESS", "JP_POSTAL_CODE",
            "IP_ADDRESS", "JP_CORPORATE_NUMBER"]

[[policy.categories]]
id = "applicants"
name = "Job applicants"
purposes = ["Recruitment and selection", "Contacting applicants"]
owner = "Human resources"
retention = "1y"             # papers of applicants not hired: one year after selection
locations = ["recruit/**", "db:hr.applicants"]
my_number = false
entrusted = false
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH"]

[[policy.categories]]
id = "my-number"
name = "My Numbers of employees and payees (特定個人情報)"
purposes = ["Withholding tax slips", "Health insurance and pension filings",
            "Payment records for tax"]
owner = "General affairs (designated staff)"
retention = "7y"             # delete promptly once the legal period has passed
locations = ["hr/mynumber/**", "db:hr.my_numbers"]
my_number = true
entrusted = false
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "DATE_OF_BIRTH"]

[[policy.categories]]
id = "employees"
name = "Employees"
purposes = ["Personnel administration", "Payroll", "Social insurance"]
owner = "General affairs"
retention = "7y"
locations = ["hr/**", "db:hr.*"]
my_number = false            # My Numbers only in the my-number places above
entrusted = false
sensitive = true             # includes health-check results
entities = ["PERSON", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "DATE_OF_BIRTH", "JP_BANK_ACCOUNT", "JP_PENSION_NUMBER", "JP_EMPLOYMENT_INSURANCE"]
'''
