//! Templates with merge fields (`{{client.first_name}}`, `{{appointment.time}}`,
//! `{{treatment.name}}`): each field is classified by the default map below, which callers
//! extend or override with `templateFields`, and becomes a finding with the span of the field,
//! so a template that would put a treatment name into an SMS fails at authoring time.

use crate::kind::Kind;
use crate::setup::Setup;
use medspa_spans::Span;

/// How a field was classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldClass {
    /// Inserts a value of this kind.
    Kind(Kind),
    /// Inserts nothing identifying (clinic details, links, amounts).
    Safe,
    /// Not in any map: reported so the author can classify it.
    Unknown,
}

/// One merge field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub span: Span,
    pub class: FieldClass,
}

/// Roots whose fields are about the clinic, not the client.
const SAFE_ROOTS: &[&str] = &[
    "clinic",
    "practice",
    "business",
    "location",
    "provider",
    "staff",
    "spa",
    "company",
    "org",
    "sender",
    "brand",
    "unsubscribe",
    "links",
];

/// The default map, by keyword in the field's last segment (first match wins). Documented in
/// the crate docs.
pub const DEFAULT_FIELD_MAP: &[(&str, Option<Kind>)] = &[
    ("last4", None),
    ("provider_name", None),
    ("staff_name", None),
    ("last_four", None),
    ("card_last", None),
    ("link", None),
    ("url", None),
    ("code", None),
    ("amount", None),
    ("balance", None),
    ("price", None),
    ("total", None),
    ("deposit", None),
    ("duration", None),
    ("count", None),
    ("dob", Some(Kind::DateDob)),
    ("birth", Some(Kind::DateDob)),
    ("ssn", Some(Kind::Ssn)),
    ("social", Some(Kind::Ssn)),
    ("mrn", Some(Kind::Mrn)),
    ("chart", Some(Kind::Mrn)),
    ("record", Some(Kind::Mrn)),
    ("insurance", Some(Kind::InsuranceId)),
    ("member_id", Some(Kind::InsuranceId)),
    ("policy", Some(Kind::InsuranceId)),
    ("card", Some(Kind::Account)),
    ("account", Some(Kind::Account)),
    ("license", Some(Kind::License)),
    ("fax", Some(Kind::Fax)),
    ("phone", Some(Kind::Phone)),
    ("mobile", Some(Kind::Phone)),
    ("cell", Some(Kind::Phone)),
    ("email", Some(Kind::Email)),
    ("street", Some(Kind::Address)),
    ("address", Some(Kind::Address)),
    ("city", Some(Kind::Address)),
    ("zip", Some(Kind::Zip)),
    ("postal", Some(Kind::Zip)),
    ("treatment", Some(Kind::Treatment)),
    ("service", Some(Kind::Treatment)),
    ("procedure", Some(Kind::Treatment)),
    ("product", Some(Kind::Treatment)),
    ("condition", Some(Kind::Condition)),
    ("diagnosis", Some(Kind::Condition)),
    ("allerg", Some(Kind::Condition)),
    ("medication", Some(Kind::Medication)),
    ("prescription", Some(Kind::Medication)),
    ("dose", Some(Kind::Medication)),
    ("rx", Some(Kind::Medication)),
    ("area", Some(Kind::BodyArea)),
    ("zone", Some(Kind::BodyArea)),
    ("symptom", Some(Kind::Symptom)),
    ("name", Some(Kind::Name)),
    ("provider", None),
    ("staff", None),
    ("location", None),
    ("room", None),
    ("date", Some(Kind::DateOther)),
    ("time", Some(Kind::DateOther)),
    ("day", Some(Kind::DateOther)),
    ("when", Some(Kind::DateOther)),
];

/// Roots whose unlabelled segments still say what the field is ("treatment" in
/// `{{treatment.name}}` makes the name a treatment name).
const ROOT_KINDS: &[(&str, Kind)] = &[
    ("treatment", Kind::Treatment),
    ("service", Kind::Treatment),
    ("procedure", Kind::Treatment),
    ("medication", Kind::Medication),
    ("prescription", Kind::Medication),
    ("condition", Kind::Condition),
    ("diagnosis", Kind::Condition),
];

/// Classifies a field path.
pub(crate) fn classify(setup: &Setup, path: &str) -> FieldClass {
    let path = path.trim().to_ascii_lowercase();
    if let Some((_, kind)) = setup.template_fields.iter().find(|(f, _)| *f == path) {
        return kind.map_or(FieldClass::Safe, FieldClass::Kind);
    }
    let mut segments = path.split('.').filter(|s| !s.is_empty());
    let root = segments.next().unwrap_or("");
    let last = path.rsplit('.').next().unwrap_or("");
    if SAFE_ROOTS.contains(&root) && path.contains('.') {
        return FieldClass::Safe;
    }
    if let Some((_, kind)) = ROOT_KINDS.iter().find(|(r, _)| root.starts_with(r)) {
        if path.contains('.') && !last.contains("date") && !last.contains("time") {
            return FieldClass::Kind(*kind);
        }
    }
    match DEFAULT_FIELD_MAP.iter().find(|(k, _)| last.contains(k)) {
        Some((_, Some(kind))) => FieldClass::Kind(*kind),
        Some((_, None)) => FieldClass::Safe,
        None => FieldClass::Unknown,
    }
}

/// The merge fields of `template` and the template with each field blanked out (same byte
/// length, so every offset stays valid) for linting the literal text.
pub(crate) fn fields(setup: &Setup, template: &str) -> (Vec<Field>, String) {
    let mut fields = Vec::new();
    let mut masked = String::with_capacity(template.len());
    let mut pos = 0;
    while let Some(open) = template[pos..].find("{{").map(|i| pos + i) {
        let Some(close) = template[open + 2..].find("}}").map(|i| open + 2 + i) else {
            break;
        };
        // A stray "{{" inside: restart at the later one.
        if let Some(inner_open) = template[open + 2..close].rfind("{{") {
            masked.push_str(&template[pos..open + 2 + inner_open]);
            pos = open + 2 + inner_open;
            continue;
        }
        let end = close + 2;
        let inner = &template[open + 2..close];
        let path = inner
            .split('|')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('{');
        masked.push_str(&template[pos..open]);
        masked.extend(std::iter::repeat_n(' ', end - open));
        let class = if path.is_empty() {
            FieldClass::Unknown
        } else {
            classify(setup, path)
        };
        fields.push(Field {
            span: Span::new(open, end),
            class,
        });
        pos = end;
    }
    masked.push_str(&template[pos..]);
    (fields, masked)
}
