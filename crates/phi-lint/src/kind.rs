//! The kinds of finding: the HIPAA Safe Harbor identifiers and the health details, with the
//! per-kind wording (placeholder, message, fix) in both locales.

use crate::options::Locale;
use serde::{Deserialize, Serialize};

/// What a finding is. Identifier kinds follow the HIPAA Safe Harbor list; the last five are
/// health details, which are PHI in a message that identifies its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Kind {
    /// A person's name (the client's, not staff).
    Name,
    /// A date of birth.
    DateDob,
    /// Any other date about the client (an appointment, a visit).
    DateOther,
    /// A telephone number.
    Phone,
    /// A fax number.
    Fax,
    /// An email address.
    Email,
    /// A street address or other geographic subdivision smaller than a state.
    Address,
    /// A ZIP code.
    Zip,
    /// A Social Security number.
    Ssn,
    /// A medical record or chart number.
    Mrn,
    /// A health plan member, policy or subscriber id.
    InsuranceId,
    /// A full card number (Luhn-valid) or a bank account or routing number.
    Account,
    /// A driver's licence or other certificate/licence number of the client.
    License,
    /// A vehicle identifier: VIN or licence plate.
    Vehicle,
    /// A device identifier or serial number.
    DeviceId,
    /// A web address.
    Url,
    /// An IP address.
    Ip,
    /// A biometric identifier.
    Biometric,
    /// Any other unique identifying number or code (claim, case, prescription number).
    OtherId,
    /// A treatment or procedure, including brand names (Botox, Juvederm, Morpheus8).
    Treatment,
    /// A medical or skin condition (rosacea, melasma, pregnancy).
    Condition,
    /// A medication (tretinoin, valacyclovir, ibuprofen).
    Medication,
    /// A treated body area (lips, forehead, under-eyes).
    BodyArea,
    /// A symptom (swelling, blanching, blurred vision).
    Symptom,
}

/// Every kind, in declaration order.
pub const ALL_KINDS: [Kind; 24] = [
    Kind::Name,
    Kind::DateDob,
    Kind::DateOther,
    Kind::Phone,
    Kind::Fax,
    Kind::Email,
    Kind::Address,
    Kind::Zip,
    Kind::Ssn,
    Kind::Mrn,
    Kind::InsuranceId,
    Kind::Account,
    Kind::License,
    Kind::Vehicle,
    Kind::DeviceId,
    Kind::Url,
    Kind::Ip,
    Kind::Biometric,
    Kind::OtherId,
    Kind::Treatment,
    Kind::Condition,
    Kind::Medication,
    Kind::BodyArea,
    Kind::Symptom,
];

/// Wording for one kind: `[English, Spanish]` each.
struct Wording {
    name: &'static str,
    rule: &'static str,
    placeholder: [&'static str; 2],
    message: [&'static str; 2],
}

const fn w(
    name: &'static str,
    rule: &'static str,
    placeholder: [&'static str; 2],
    message: [&'static str; 2],
) -> Wording {
    Wording {
        name,
        rule,
        placeholder,
        message,
    }
}

/// One row per kind, in the order of [`ALL_KINDS`].
const WORDING: [Wording; 24] = [
    w("NAME", "phi/name", ["[name]", "[nombre]"], [
        "A person's name identifies the client.",
        "Un nombre identifica a la persona.",
    ]),
    w("DATE_DOB", "phi/dob", ["[date of birth]", "[fecha de nacimiento]"], [
        "A date of birth identifies the client; leave it out of unsecured messages.",
        "La fecha de nacimiento identifica a la persona; no la incluya en mensajes no seguros.",
    ]),
    w("DATE_OTHER", "phi/date", ["[date]", "[fecha]"], [
        "A date about the client's care; an appointment date is usually fine.",
        "Una fecha sobre la atención de la persona; la fecha de la cita suele estar bien.",
    ]),
    w("PHONE", "phi/phone", ["[phone]", "[teléfono]"], [
        "A phone number that is not the clinic's identifies the client.",
        "Un teléfono que no es el de la clínica identifica a la persona.",
    ]),
    w("FAX", "phi/fax", ["[fax]", "[fax]"], [
        "A fax number that is not the clinic's identifies the client.",
        "Un número de fax que no es el de la clínica identifica a la persona.",
    ]),
    w("EMAIL", "phi/email", ["[email]", "[correo]"], [
        "An email address that is not the clinic's identifies the client.",
        "Un correo que no es el de la clínica identifica a la persona.",
    ]),
    w("ADDRESS", "phi/address", ["[address]", "[dirección]"], [
        "A street address identifies the client.",
        "Una dirección identifica a la persona.",
    ]),
    w("ZIP", "phi/zip", ["[ZIP]", "[código postal]"], [
        "A ZIP code narrows down where the client lives.",
        "Un código postal indica dónde vive la persona.",
    ]),
    w("SSN", "phi/ssn", ["[SSN]", "[número de seguro social]"], [
        "A Social Security number must never be sent in a message.",
        "Un número de seguro social nunca debe enviarse en un mensaje.",
    ]),
    w("MRN", "phi/mrn", ["[record number]", "[número de expediente]"], [
        "A medical record number identifies the client; leave it out of unsecured messages.",
        "El número de expediente identifica a la persona; no lo incluya en mensajes no seguros.",
    ]),
    w("INSURANCE_ID", "phi/insurance-id", ["[insurance ID]", "[ID de seguro]"], [
        "An insurance member or policy number identifies the client.",
        "El número de póliza o de afiliado identifica a la persona.",
    ]),
    w("ACCOUNT", "phi/account", ["[account number]", "[número de cuenta]"], [
        "A full card or bank account number must not be sent in a message; the last four digits are enough.",
        "Un número completo de tarjeta o cuenta no debe enviarse; bastan los cuatro últimos dígitos.",
    ]),
    w("LICENSE", "phi/license", ["[license number]", "[número de licencia]"], [
        "A driver's license or other license number identifies the client.",
        "Un número de licencia identifica a la persona.",
    ]),
    w("VEHICLE", "phi/vehicle", ["[vehicle ID]", "[ID de vehículo]"], [
        "A vehicle number or plate identifies the client.",
        "Un número de vehículo o placa identifica a la persona.",
    ]),
    w("DEVICE_ID", "phi/device-id", ["[device ID]", "[ID de dispositivo]"], [
        "A device serial number identifies the client.",
        "Un número de serie de dispositivo identifica a la persona.",
    ]),
    w("URL", "phi/url", ["[link]", "[enlace]"], [
        "A web address that is not the clinic's may identify the client.",
        "Una dirección web que no es de la clínica puede identificar a la persona.",
    ]),
    w("IP", "phi/ip", ["[IP address]", "[dirección IP]"], [
        "An IP address identifies the client's device.",
        "Una dirección IP identifica el dispositivo de la persona.",
    ]),
    w("BIOMETRIC", "phi/biometric", ["[biometric ID]", "[ID biométrico]"], [
        "A biometric identifier identifies the client.",
        "Un identificador biométrico identifica a la persona.",
    ]),
    w("OTHER_ID", "phi/other-id", ["[ID]", "[ID]"], [
        "A claim, case or prescription number identifies the client.",
        "Un número de reclamo, caso o receta identifica a la persona.",
    ]),
    w("TREATMENT", "health/treatment", ["[treatment]", "[tratamiento]"], [
        "A treatment named in a message to the client is health information.",
        "Un tratamiento mencionado en un mensaje a la persona es información de salud.",
    ]),
    w("CONDITION", "health/condition", ["[condition]", "[afección]"], [
        "A condition of the client is health information.",
        "Una afección de la persona es información de salud.",
    ]),
    w("MEDICATION", "health/medication", ["[medication]", "[medicamento]"], [
        "A medication the client takes or is told to take is health information.",
        "Un medicamento que la persona toma o debe tomar es información de salud.",
    ]),
    w("BODY_AREA", "health/body-area", ["[area]", "[zona]"], [
        "The client's treated body area is health information.",
        "La zona tratada de la persona es información de salud.",
    ]),
    w("SYMPTOM", "health/symptom", ["[symptom]", "[síntoma]"], [
        "A symptom the client has is health information.",
        "Un síntoma de la persona es información de salud.",
    ]),
];

impl Kind {
    fn wording(self) -> &'static Wording {
        &WORDING[self as usize]
    }

    /// The SCREAMING_SNAKE name, as serialized.
    ///
    /// ```
    /// use medspa_phi_lint::Kind;
    /// assert_eq!(Kind::DateDob.as_str(), "DATE_DOB");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.wording().name
    }

    /// The kind with this serialized name.
    ///
    /// ```
    /// use medspa_phi_lint::Kind;
    /// assert_eq!(Kind::parse("INSURANCE_ID"), Some(Kind::InsuranceId));
    /// assert_eq!(Kind::parse("insurance_id"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Kind> {
        ALL_KINDS.iter().copied().find(|k| k.as_str() == name)
    }

    /// The id of the rule that reports this kind (`phi/ssn`, `health/treatment`).
    pub fn rule_id(self) -> &'static str {
        self.wording().rule
    }

    /// The neutral text that replaces a finding of this kind in the redacted message.
    ///
    /// ```
    /// use medspa_phi_lint::{Kind, Locale};
    /// assert_eq!(Kind::DateDob.placeholder(Locale::En), "[date of birth]");
    /// assert_eq!(Kind::Phone.placeholder(Locale::Es), "[teléfono]");
    /// ```
    pub fn placeholder(self, locale: Locale) -> &'static str {
        self.wording().placeholder[locale as usize]
    }

    /// The plain-language explanation of a finding of this kind; it never quotes the text.
    pub fn message(self, locale: Locale) -> &'static str {
        self.wording().message[locale as usize]
    }

    /// Whether this is a health detail rather than an identifier.
    pub fn is_health(self) -> bool {
        matches!(
            self,
            Kind::Treatment | Kind::Condition | Kind::Medication | Kind::BodyArea | Kind::Symptom
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_rows_follow_the_enum_order() {
        for kind in ALL_KINDS {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert!(kind.placeholder(Locale::En).starts_with('['));
            assert!(kind.placeholder(Locale::Es).starts_with('['));
        }
    }
}
