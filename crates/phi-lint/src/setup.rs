//! Options compiled once per [`crate::Linter`]: the policy as bit masks, the extra-terms
//! automaton, and the recipient's and clinic's details normalised for matching.

use crate::detect::dates::{parse_iso_date, Date};
use crate::kind::Kind;
use crate::lexicon::{Level, Lexicon, Term};
use crate::options::{validate, Channel, Direction, LintOptions, Locale};
use crate::policy::CompiledPolicy;
use crate::text::fold;
use medspa_errors::CodedError;

/// Identifier strings reduced to lowercase letters and digits, with their kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdKey {
    pub key: String,
    pub kind: Kind,
}

/// Everything the rules need from the options.
pub(crate) struct Setup {
    pub channel: Channel,
    pub locale: Locale,
    pub direction: Direction,
    pub accepted_unencrypted: bool,
    pub policy: CompiledPolicy,
    pub extra_lexicon: Option<Lexicon>,
    /// [`crate::lexicon::walk_filter`] of the built-in and extra lexicons.
    pub walk_filter: [bool; 256],
    /// Folded name parts of the recipient (`maria`, `garcia`).
    pub recipient_names: Vec<String>,
    pub recipient_dob: Option<Date>,
    /// The recipient's identifiers (phones, MRNs, insurance and other ids, emails, street keys).
    pub recipient_ids: Vec<IdKey>,
    /// The clinic's phone numbers as digits (last ten).
    pub clinic_phones: Vec<String>,
    pub clinic_domains: Vec<String>,
    pub clinic_emails: Vec<String>,
    pub clinic_zips: Vec<String>,
    /// Street keys ("120main") of the clinic's addresses.
    pub clinic_streets: Vec<String>,
    /// Folded words of each clinic business name.
    pub clinic_names: Vec<Vec<String>>,
    /// Folded name parts of staff and providers.
    pub staff_names: Vec<String>,
    /// [`initials`] of `recipient_names` and of `staff_names`.
    pub recipient_initials: u64,
    pub staff_initials: u64,
    /// Template fields added by the caller: lowercased path and kind.
    pub template_fields: Vec<(String, Option<Kind>)>,
}

/// A bit ([`crate::text::initial_bit`]) for each ASCII byte that starts one of `names`: the name
/// rules test every word's first byte against it before comparing any name.
pub(crate) fn initials(names: &[String]) -> u64 {
    names
        .iter()
        .filter_map(|n| n.as_bytes().first())
        .filter(|b| b.is_ascii())
        .fold(0, |bits, &b| bits | crate::text::initial_bit(b))
}

/// Lowercase letters and digits only: how identifiers are compared.
pub(crate) fn alnum_key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The last ten digits of a phone number.
pub(crate) fn phone_key(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let skip = digits.len().saturating_sub(10);
    digits[skip..].to_string()
}

/// Folded name parts worth matching: at least two letters, no particles.
fn name_parts(names: &[String]) -> Vec<String> {
    const PARTICLES: &[&str] = &[
        "de", "del", "la", "las", "los", "van", "von", "da", "di", "y", "st",
    ];
    let mut out: Vec<String> = Vec::new();
    for name in names {
        for part in fold(name).split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            let part = part.trim_matches('\'');
            if part.chars().count() >= 2
                && !PARTICLES.contains(&part)
                && !out.iter().any(|p| p == part)
            {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// "44 Elm Street, Apt 2" → "44elm": the house number and the first street word identify it.
pub(crate) fn street_key(address: &str) -> Option<String> {
    let mut words = address
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let number = words.next()?;
    let street = words.next()?;
    number
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| format!("{number}{}", fold(street)))
}

impl Setup {
    pub(crate) fn new(options: &LintOptions) -> Result<Setup, CodedError> {
        validate(options)?;
        let r = &options.context.recipient;
        let c = &options.context.clinic;
        let extra: Vec<(String, Term)> = options
            .extra_terms
            .by_kind()
            .into_iter()
            .flat_map(|(kind, list, _)| {
                list.iter().map(move |t| {
                    (
                        t.clone(),
                        Term::Health {
                            kind,
                            level: Level::Other,
                            loose: false,
                        },
                    )
                })
            })
            .filter(|(t, _)| !fold(t).trim().is_empty())
            .collect();
        let mut recipient_ids = Vec::new();
        let mut push = |list: &[String], kind: Kind, key: fn(&str) -> String, min: usize| {
            for s in list {
                let k = key(s);
                if k.len() >= min {
                    recipient_ids.push(IdKey { key: k, kind });
                }
            }
        };
        push(&r.phones, Kind::Phone, phone_key, 7);
        push(&r.mrns, Kind::Mrn, alnum_key, 4);
        push(&r.insurance_ids, Kind::InsuranceId, alnum_key, 4);
        push(&r.other_ids, Kind::OtherId, alnum_key, 4);
        for a in &r.addresses {
            if let Some(key) = street_key(a) {
                recipient_ids.push(IdKey {
                    key,
                    kind: Kind::Address,
                });
            }
        }
        let recipient_names = name_parts(&r.names);
        let staff_names = name_parts(&c.staff);
        let extra_lexicon = (!extra.is_empty()).then(|| Lexicon::build(extra));
        Ok(Setup {
            channel: options.channel,
            locale: options.locale,
            direction: options.direction,
            accepted_unencrypted: options.accepted_unencrypted,
            policy: CompiledPolicy::new(&options.policy),
            walk_filter: crate::lexicon::walk_filter(extra_lexicon.as_ref()),
            extra_lexicon,
            recipient_initials: initials(&recipient_names),
            recipient_names,
            recipient_dob: r.dob.as_deref().and_then(parse_iso_date),
            recipient_ids,
            clinic_phones: c
                .phones
                .iter()
                .map(|p| phone_key(p))
                .filter(|k| k.len() >= 7)
                .collect(),
            clinic_domains: c
                .domains
                .iter()
                .map(|d| {
                    let d = d.trim().to_ascii_lowercase();
                    let d = d.split("://").last().unwrap_or(&d).to_string();
                    let d = d
                        .trim_start_matches("www.")
                        .trim_end_matches('/')
                        .to_string();
                    d.split('/').next().unwrap_or("").to_string()
                })
                .filter(|d| d.contains('.'))
                .collect(),
            clinic_emails: c
                .emails
                .iter()
                .map(|e| e.trim().to_ascii_lowercase())
                .collect(),
            clinic_zips: c
                .zips
                .iter()
                .map(|z| alnum_key(z))
                .filter(|z| !z.is_empty())
                .collect(),
            clinic_streets: c.addresses.iter().filter_map(|a| street_key(a)).collect(),
            clinic_names: c
                .names
                .iter()
                .map(|n| {
                    fold(n)
                        .split(|ch: char| !ch.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|words| !words.is_empty())
                .collect(),
            staff_initials: initials(&staff_names),
            staff_names,
            template_fields: options
                .template_fields
                .iter()
                .map(|f| (f.field.trim().to_ascii_lowercase(), f.kind))
                .collect(),
        })
    }
}
