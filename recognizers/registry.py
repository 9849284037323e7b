"""The one registry of entity types and the recognizers that find them.

Entity names are a contract: they appear in configs, baselines, inventories and reports.
Adding an identifier = one recognizer module + its lines here (its label, and its class
in `build_recognizers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recognizers.base import Recognizer

# entity type -> (Japanese label, English label). Order = risk order in reports.
ENTITY_TYPES: dict[str, tuple[str, str]] = {
    "JP_MY_NUMBER": ("個人番号（マイナンバー）", "My Number"),
    "CREDIT_CARD": ("クレジットカード番号", "credit card number"),
    "JP_PASSPORT": ("旅券番号", "passport number"),
    "JP_RESIDENCE_CARD": ("在留カード番号", "residence card number"),
    "JP_DRIVERS_LICENSE": ("運転免許証番号", "driver's licence number"),
    "JP_PENSION_NUMBER": ("基礎年金番号", "basic pension number"),
    "JP_EMPLOYMENT_INSURANCE": ("雇用保険被保険者番号", "employment insurance number"),
    "JP_RESIDENT_CODE": ("住民票コード", "resident record code"),
    "JP_BANK_ACCOUNT": ("口座番号", "bank account number"),
    "PERSON": ("氏名", "person name"),
    "JP_ADDRESS": ("住所", "address"),
    "DATE_OF_BIRTH": ("生年月日", "date of birth"),
    "PHONE_NUMBER": ("電話番号", "phone number"),
    "EMAIL_ADDRESS": ("メールアドレス", "e-mail address"),
    "JP_POSTAL_CODE": ("郵便番号", "postal code"),
    "IP_ADDRESS": ("IPアドレス", "IP address"),
    "JP_CORPORATE_NUMBER": ("法人番号", "corporate number"),
}

# 特定個人情報 (My Number Act): the highest risk class.
SPECIFIC_PERSONAL_INFORMATION = frozenset({"JP_MY_NUMBER"})



def build_recognizers(*, thorough: bool = False) -> list[Recognizer]:
    """Fresh instances of every registered recognizer.

    `thorough` lets GiNZA read all text for names (slow); by default it is never loaded.
    The recognizer modules are imported here, not with the registry: the entity types
    and labels are all that reports and a scan's parent process need.
    """
    from recognizers.address import AddressRecognizer
    from recognizers.bank_account import BankAccountRecognizer
    from recognizers.corporate_number import CorporateNumberRecognizer
    from recognizers.credit_card import CreditCardRecognizer
    from recognizers.date_of_birth import DateOfBirthRecognizer
    from recognizers.drivers_license import DriversLicenseRecognizer
    from recognizers.email import EmailRecognizer
    from recognizers.employment_insurance import EmploymentInsuranceRecognizer
    from recognizers.ip_address import IpAddressRecognizer
    from recognizers.my_number import MyNumberRecognizer
    from recognizers.passport import PassportRecognizer
    from recognizers.pension_number import PensionNumberRecognizer
    from recognizers.person import PersonRecognizer
    from recognizers.phone import PhoneRecognizer
    from recognizers.postal_code import PostalCodeRecognizer
    from recognizers.residence_card import ResidenceCardRecognizer
    from recognizers.resident_code import ResidentCodeRecognizer

    structured: tuple[type[Recognizer], ...] = (
        MyNumberRecognizer,
        CorporateNumberRecognizer,
        PhoneRecognizer,
        EmailRecognizer,
        PostalCodeRecognizer,
        CreditCardRecognizer,
        BankAccountRecognizer,
        PassportRecognizer,
        DriversLicenseRecognizer,
        ResidenceCardRecognizer,
        PensionNumberRecognizer,
        EmploymentInsuranceRecognizer,
        ResidentCodeRecognizer,
        DateOfBirthRecognizer,
        IpAddressRecognizer,
    )
    refiner = None
    if thorough:
        from recognizers.ginza_refiner import GinzaRefiner

        refiner = GinzaRefiner()
    return [
        *(cls() for cls in structured),
        PersonRecognizer(thorough=thorough, refiner=refiner),
        AddressRecognizer(),
    ]


def label(entity_type: str, lang: str = "en") -> str:
    """The human name of an entity type in Japanese or English."""
    ja, en = ENTITY_TYPES.get(entity_type, (entity_type, entity_type))
    return ja if lang == "ja" else en
