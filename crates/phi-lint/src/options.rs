//! What a caller tells the linter: channel, policy, locale, direction, consent to unencrypted
//! messages, the recipient's and clinic's details, extra lexicon terms and template fields.
//!
//! Every struct rejects unknown fields and every enum rejects unknown names, so a typo is an
//! error that names the field (through `medspa_errors::decode`), never a silently ignored option.

use crate::kind::Kind;
use crate::policy::Policy;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// Longest text accepted by `lint` and `lint_template`: 64 KiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Most entries in any one list of the options (names, phones, extra terms per kind...).
pub const MAX_LIST_ENTRIES: usize = 256;
/// Longest single entry in any list of the options, in UTF-8 bytes.
pub const MAX_ENTRY_BYTES: usize = 256;

/// Options of one check. Every field has a default: `{}` means an outbound SMS under the
/// `reminder` preset, in English, with no context.
///
/// ```
/// use medspa_phi_lint::{Channel, LintOptions};
/// let options: LintOptions = serde_json::from_str(r#"{"channel":"email","policy":"marketing"}"#).unwrap();
/// assert_eq!(options.channel, Channel::Email);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct LintOptions {
    /// How the message travels; only `portal` is secure.
    pub channel: Channel,
    /// A preset name (`reminder`, `secure-portal`, `marketing`) or a full policy object.
    pub policy: Policy,
    /// The language of the message: selects placeholders and message wording.
    pub locale: Locale,
    /// `outbound` (staff to client) or `inbound` (a client's reply about to be quoted or stored).
    pub direction: Direction,
    /// The client was told the risk and asked for unencrypted messages (HIPAA allows it):
    /// severities drop one step on unsecured channels, except the kinds the policy never lowers
    /// (SSN and account numbers in every preset).
    pub accepted_unencrypted: bool,
    /// The recipient's identifiers (caught however they are written) and the clinic's own
    /// details (never flagged).
    pub context: Context,
    /// Clinic-specific lexicon terms, per kind.
    pub extra_terms: ExtraTerms,
    /// Classification of template merge fields, added to (and overriding) the default map.
    pub template_fields: Vec<TemplateField>,
}

/// The channel a message is sent over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// Text message: unsecured.
    #[default]
    Sms,
    /// Email: unsecured unless the clinic's policy says otherwise.
    Email,
    /// A voice call or voicemail script: unsecured.
    Voice,
    /// A push notification, shown on a lock screen: unsecured.
    Push,
    /// The clinic's secure patient portal.
    Portal,
}

impl Channel {
    /// Whether the channel is secure (only the portal is).
    pub fn is_secure(self) -> bool {
        self == Channel::Portal
    }
}

/// The language of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Locale {
    /// English.
    #[default]
    En = 0,
    /// Spanish.
    Es = 1,
}

/// Who writes the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Staff writing to a client.
    #[default]
    Outbound,
    /// A client's message, screened before it is quoted, forwarded or stored in plain text.
    Inbound,
}

/// Facts about the people involved. Both halves are optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Context {
    /// The recipient (or, inbound, the sender) as known to the record.
    pub recipient: RecipientIdentifiers,
    /// The clinic: its own details are never flagged.
    pub clinic: ClinicIdentifiers,
}

/// The client's identifiers as the record holds them; matched however the message writes them
/// (case, accents, initials, possessives, separators).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RecipientIdentifiers {
    /// Full or partial names (`"María José García López"`); each part is matched.
    pub names: Vec<String>,
    /// Date of birth as `YYYY-MM-DD`.
    pub dob: Option<String>,
    /// Phone numbers in any format.
    pub phones: Vec<String>,
    /// Email addresses.
    pub emails: Vec<String>,
    /// Street addresses (`"44 Elm Street, Apt 2"`).
    pub addresses: Vec<String>,
    /// Medical record numbers.
    pub mrns: Vec<String>,
    /// Insurance member or policy ids.
    pub insurance_ids: Vec<String>,
    /// Any other identifiers (claim, case, prescription numbers).
    pub other_ids: Vec<String>,
}

/// The clinic's own details: findings that match them are not the client's and are dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ClinicIdentifiers {
    /// Business names (`"Glow Laser & Skin"`): lexicon words inside them are not treatments.
    pub names: Vec<String>,
    /// The clinic's phone and fax numbers.
    pub phones: Vec<String>,
    /// The clinic's street addresses.
    pub addresses: Vec<String>,
    /// The clinic's ZIP codes.
    pub zips: Vec<String>,
    /// Web and secure-portal domains (`glowmedspa.example`); subdomains included.
    pub domains: Vec<String>,
    /// The clinic's email addresses.
    pub emails: Vec<String>,
    /// Staff and provider names: not client PHI.
    pub staff: Vec<String>,
}

/// Clinic-specific lexicon terms, matched like the built-in ones (case- and accent-insensitive,
/// whole words, plural `s`/`es` allowed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ExtraTerms {
    /// Extra treatments and brand names.
    pub treatments: Vec<String>,
    /// Extra conditions.
    pub conditions: Vec<String>,
    /// Extra medications.
    pub medications: Vec<String>,
    /// Extra body areas.
    pub body_areas: Vec<String>,
    /// Extra symptoms.
    pub symptoms: Vec<String>,
}

impl ExtraTerms {
    /// The lists with the kind each one adds.
    pub(crate) fn by_kind(&self) -> [(Kind, &[String], &'static str); 5] {
        [
            (Kind::Treatment, &self.treatments, "treatments"),
            (Kind::Condition, &self.conditions, "conditions"),
            (Kind::Medication, &self.medications, "medications"),
            (Kind::BodyArea, &self.body_areas, "bodyAreas"),
            (Kind::Symptom, &self.symptoms, "symptoms"),
        ]
    }
}

/// How one template merge field is classified.
///
/// ```
/// use medspa_phi_lint::{Kind, TemplateField};
/// let field: TemplateField = serde_json::from_str(r#"{"field":"client.nickname","kind":"NAME"}"#).unwrap();
/// assert_eq!(field.kind, Some(Kind::Name));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateField {
    /// The field path as written between the braces (`client.first_name`), compared
    /// case-insensitively.
    pub field: String,
    /// The kind of value it inserts; `null` or absent for a field that identifies nobody
    /// (`clinic.phone`, `appointment.link`).
    #[serde(default)]
    pub kind: Option<Kind>,
}

/// Checks the sizes and formats serde cannot: list lengths, entry lengths, the date of birth.
pub(crate) fn validate(options: &LintOptions) -> Result<(), CodedError> {
    let r = &options.context.recipient;
    let c = &options.context.clinic;
    let lists: [(&[String], &str); 14] = [
        (&r.names, "$.context.recipient.names"),
        (&r.phones, "$.context.recipient.phones"),
        (&r.emails, "$.context.recipient.emails"),
        (&r.addresses, "$.context.recipient.addresses"),
        (&r.mrns, "$.context.recipient.mrns"),
        (&r.insurance_ids, "$.context.recipient.insuranceIds"),
        (&r.other_ids, "$.context.recipient.otherIds"),
        (&c.names, "$.context.clinic.names"),
        (&c.phones, "$.context.clinic.phones"),
        (&c.addresses, "$.context.clinic.addresses"),
        (&c.zips, "$.context.clinic.zips"),
        (&c.domains, "$.context.clinic.domains"),
        (&c.emails, "$.context.clinic.emails"),
        (&c.staff, "$.context.clinic.staff"),
    ];
    for (list, path) in lists {
        check_list(list, path)?;
    }
    for (_, list, name) in options.extra_terms.by_kind() {
        check_list(list, &format!("$.extraTerms.{name}"))?;
    }
    if options.template_fields.len() > MAX_LIST_ENTRIES {
        return Err(too_many("$.templateFields"));
    }
    for (i, field) in options.template_fields.iter().enumerate() {
        let ok = !field.field.trim().is_empty()
            && field.field.len() <= MAX_ENTRY_BYTES
            && field
                .field
                .trim()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-[]".contains(&b));
        if !ok {
            return Err(CodedError::new(
                "INVALID_FIELD_NAME",
                format!("$.templateFields[{i}].field"),
                "a template field name is letters, digits, dots, underscores or hyphens",
            ));
        }
    }
    if let Some(dob) = &r.dob {
        if crate::detect::dates::parse_iso_date(dob).is_none() {
            return Err(CodedError::new(
                "INVALID_DATE",
                "$.context.recipient.dob",
                "the date of birth must be a calendar date written YYYY-MM-DD",
            ));
        }
    }
    Ok(())
}

fn too_many(path: &str) -> CodedError {
    CodedError::new(
        "TOO_MANY_ENTRIES",
        path,
        format!("at most {MAX_LIST_ENTRIES} entries are accepted"),
    )
}

fn check_list(list: &[String], path: &str) -> Result<(), CodedError> {
    if list.len() > MAX_LIST_ENTRIES {
        return Err(too_many(path));
    }
    match list.iter().position(|s| s.len() > MAX_ENTRY_BYTES) {
        Some(i) => Err(CodedError::new(
            "ENTRY_TOO_LONG",
            format!("{path}[{i}]"),
            format!("an entry is at most {MAX_ENTRY_BYTES} bytes"),
        )),
        None => Ok(()),
    }
}
