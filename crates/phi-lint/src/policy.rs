//! Policies as data: which kinds block or warn on which channels. The presets are rows of
//! constant tables below; a caller may pass a whole [`PolicyConfig`] instead of a preset name.

use crate::kind::Kind;
use crate::options::Channel;
use crate::report::{Severity, Verdict};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A named preset or a full policy.
///
/// ```
/// use medspa_phi_lint::{Policy, Preset};
/// let named: Policy = serde_json::from_str(r#""secure-portal""#).unwrap();
/// assert_eq!(named, Policy::Preset(Preset::SecurePortal));
/// let bad = serde_json::from_str::<Policy>(r#""reminders""#).unwrap_err();
/// assert!(bad.to_string().contains("unknown variant"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Policy {
    /// One of the built-in presets, by name.
    Preset(Preset),
    /// A policy written out in full (start from [`Preset::config`]).
    Custom(PolicyConfig),
}

impl Default for Policy {
    fn default() -> Self {
        Policy::Preset(Preset::Reminder)
    }
}

/// The built-in presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// The rubric of domain.md §5, the minimum-necessary default: on unsecured channels a first
    /// name and an appointment time are fine; health details warn, and block together with a
    /// name or contact identifier; SSN, date of birth, MRN, insurance id, licence and full
    /// account numbers block. On the portal only an SSN or full account number warns.
    #[default]
    Reminder,
    /// The message is delivered inside the secure portal (or another channel the clinic vouches
    /// for): the portal row of the rubric applies whatever the channel says.
    SecurePortal,
    /// A broadcast promotion: no client-specific content at all. Any identifier, and any health
    /// detail addressed to the reader, blocks; consent to unencrypted messages changes nothing.
    Marketing,
}

/// What decides the verdict for one class of channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rubric {
    /// Kinds that block on their own (severity `error`).
    #[serde(default)]
    pub block: Vec<Kind>,
    /// Kinds that block when the message also has a finding of another listed kind.
    #[serde(default)]
    pub block_together: Vec<Combination>,
    /// Kinds that warn on their own (severity `warning`). Unlisted kinds are `info`.
    #[serde(default)]
    pub warn: Vec<Kind>,
}

/// "Any of `kinds` together with any of `with` blocks"; both sides are reported as errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Combination {
    /// One side of the combination.
    pub kinds: Vec<Kind>,
    /// The other side.
    pub with: Vec<Kind>,
}

/// When a health detail that addresses nobody in particular counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum UnaddressedHealth {
    /// Always: the channel identifies the recipient.
    Flag,
    /// Except in a promotional sentence ("Botox specials this month"), which is about nobody.
    IgnoreInPromotions,
    /// Never: only health details addressed to the reader ("your filler") or in a message that
    /// names or otherwise identifies the reader count.
    Ignore,
}

/// A complete policy.
///
/// ```
/// use medspa_phi_lint::{Kind, Preset};
/// let reminder = Preset::Reminder.config();
/// assert!(reminder.unsecured.block.contains(&Kind::Ssn));
/// assert!(reminder.secure.warn.contains(&Kind::Account));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyConfig {
    /// Applies on the portal (and everywhere when `everyChannelSecure`).
    pub secure: Rubric,
    /// Applies on `sms`, `email`, `voice` and `push`.
    pub unsecured: Rubric,
    /// Treat every channel as secure (the `secure-portal` preset).
    #[serde(default)]
    pub every_channel_secure: bool,
    /// Whether `acceptedUnencrypted` lowers severities one step on unsecured channels.
    #[serde(default = "yes")]
    pub acceptance_lowers: bool,
    /// Kinds whose severity consent never lowers.
    #[serde(default)]
    pub never_lowered: Vec<Kind>,
    /// When health details that address nobody count.
    #[serde(default = "ignore_in_promotions")]
    pub unaddressed_health: UnaddressedHealth,
}

fn yes() -> bool {
    true
}

fn ignore_in_promotions() -> UnaddressedHealth {
    UnaddressedHealth::IgnoreInPromotions
}

// ---------------------------------------------------------------------------------------------
// The preset tables. Each is plain data; `crate` docs render the same table in prose.

const STRONG: &[Kind] = &[
    Kind::Ssn,
    Kind::DateDob,
    Kind::Mrn,
    Kind::InsuranceId,
    Kind::License,
    Kind::Account,
];
const HEALTH: &[Kind] = &[
    Kind::Treatment,
    Kind::Condition,
    Kind::Medication,
    Kind::BodyArea,
    Kind::Symptom,
];
/// A name or a contact-type identifier (domain.md §5), plus the other Safe Harbor numbers that are
/// not in its "block" list (fax, vehicle, biometric, other ids): with a health detail they block.
const NAME_AND_CONTACT: &[Kind] = &[
    Kind::Name,
    Kind::Phone,
    Kind::Fax,
    Kind::Email,
    Kind::Address,
    Kind::Zip,
    Kind::Url,
    Kind::Ip,
    Kind::DeviceId,
    Kind::Vehicle,
    Kind::Biometric,
    Kind::OtherId,
];
const SSN_AND_ACCOUNT: &[Kind] = &[Kind::Ssn, Kind::Account];
const EVERYTHING: &[Kind] = &crate::kind::ALL_KINDS;

/// A rubric over static slices, so presets cost no allocation.
struct RubricRow {
    block: &'static [Kind],
    block_together: &'static [(&'static [Kind], &'static [Kind])],
    warn: &'static [Kind],
}

struct PresetRow {
    preset: Preset,
    name: &'static str,
    secure: RubricRow,
    unsecured: RubricRow,
    every_channel_secure: bool,
    acceptance_lowers: bool,
    never_lowered: &'static [Kind],
    unaddressed_health: UnaddressedHealth,
}

const PORTAL_ROW: RubricRow = RubricRow {
    block: &[],
    block_together: &[],
    warn: SSN_AND_ACCOUNT,
};

const UNSECURED_ROW: RubricRow = RubricRow {
    block: STRONG,
    block_together: &[(HEALTH, NAME_AND_CONTACT)],
    warn: &[
        Kind::Treatment,
        Kind::Condition,
        Kind::Medication,
        Kind::BodyArea,
        Kind::Symptom,
        Kind::Phone,
        Kind::Fax,
        Kind::Email,
        Kind::Address,
        Kind::Zip,
        Kind::Url,
        Kind::Ip,
        Kind::DeviceId,
        Kind::Vehicle,
        Kind::Biometric,
        Kind::OtherId,
    ],
};

const MARKETING_ROW: RubricRow = RubricRow {
    block: EVERYTHING,
    block_together: &[],
    warn: &[],
};

const PRESETS: [PresetRow; 3] = [
    PresetRow {
        preset: Preset::Reminder,
        name: "reminder",
        secure: PORTAL_ROW,
        unsecured: UNSECURED_ROW,
        every_channel_secure: false,
        acceptance_lowers: true,
        never_lowered: SSN_AND_ACCOUNT,
        unaddressed_health: UnaddressedHealth::IgnoreInPromotions,
    },
    PresetRow {
        preset: Preset::SecurePortal,
        name: "secure-portal",
        secure: PORTAL_ROW,
        unsecured: UNSECURED_ROW,
        every_channel_secure: true,
        acceptance_lowers: true,
        never_lowered: SSN_AND_ACCOUNT,
        unaddressed_health: UnaddressedHealth::IgnoreInPromotions,
    },
    PresetRow {
        preset: Preset::Marketing,
        name: "marketing",
        secure: MARKETING_ROW,
        unsecured: MARKETING_ROW,
        every_channel_secure: false,
        acceptance_lowers: false,
        never_lowered: SSN_AND_ACCOUNT,
        unaddressed_health: UnaddressedHealth::Ignore,
    },
];

const PRESET_NAMES: &[&str] = &["reminder", "secure-portal", "marketing"];

impl Preset {
    fn row(self) -> &'static PresetRow {
        &PRESETS[self as usize]
    }

    /// The preset's name as written in options.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The preset written out as a full policy, to start a custom one from.
    pub fn config(self) -> PolicyConfig {
        let row = self.row();
        let rubric = |r: &RubricRow| Rubric {
            block: r.block.to_vec(),
            block_together: r
                .block_together
                .iter()
                .map(|(kinds, with)| Combination {
                    kinds: kinds.to_vec(),
                    with: with.to_vec(),
                })
                .collect(),
            warn: r.warn.to_vec(),
        };
        PolicyConfig {
            secure: rubric(&row.secure),
            unsecured: rubric(&row.unsecured),
            every_channel_secure: row.every_channel_secure,
            acceptance_lowers: row.acceptance_lowers,
            never_lowered: row.never_lowered.to_vec(),
            unaddressed_health: row.unaddressed_health,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compiled form: kinds as bit masks (24 kinds fit in a u32), so a verdict is a few AND/ORs.

pub(crate) type KindMask = u32;

pub(crate) fn bit(kind: Kind) -> KindMask {
    1 << (kind as u32)
}

fn mask(kinds: &[Kind]) -> KindMask {
    kinds.iter().fold(0, |m, &k| m | bit(k))
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CompiledRubric {
    block: KindMask,
    together: Vec<(KindMask, KindMask)>,
    warn: KindMask,
}

impl CompiledRubric {
    fn from_row(r: &RubricRow) -> Self {
        Self {
            block: mask(r.block),
            together: r
                .block_together
                .iter()
                .map(|(a, b)| (mask(a), mask(b)))
                .collect(),
            warn: mask(r.warn),
        }
    }

    fn from_config(r: &Rubric) -> Self {
        Self {
            block: mask(&r.block),
            together: r
                .block_together
                .iter()
                .map(|c| (mask(&c.kinds), mask(&c.with)))
                .collect(),
            warn: mask(&r.warn),
        }
    }

    fn severity(&self, kind: Kind, present: KindMask) -> Severity {
        let b = bit(kind);
        let combined = self.together.iter().any(|&(a, w)| {
            (a & b != 0 && present & w & !b != 0) || (w & b != 0 && present & a & !b != 0)
        });
        if self.block & b != 0 || combined {
            Severity::Error
        } else if self.warn & b != 0 {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

/// A policy ready to grade findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledPolicy {
    secure: CompiledRubric,
    unsecured: CompiledRubric,
    every_channel_secure: bool,
    acceptance_lowers: bool,
    never_lowered: KindMask,
    pub(crate) unaddressed_health: UnaddressedHealth,
}

impl CompiledPolicy {
    pub(crate) fn new(policy: &Policy) -> Self {
        match policy {
            Policy::Preset(p) => {
                let row = p.row();
                Self {
                    secure: CompiledRubric::from_row(&row.secure),
                    unsecured: CompiledRubric::from_row(&row.unsecured),
                    every_channel_secure: row.every_channel_secure,
                    acceptance_lowers: row.acceptance_lowers,
                    never_lowered: mask(row.never_lowered),
                    unaddressed_health: row.unaddressed_health,
                }
            }
            Policy::Custom(c) => Self {
                secure: CompiledRubric::from_config(&c.secure),
                unsecured: CompiledRubric::from_config(&c.unsecured),
                every_channel_secure: c.every_channel_secure,
                acceptance_lowers: c.acceptance_lowers,
                never_lowered: mask(&c.never_lowered),
                unaddressed_health: c.unaddressed_health,
            },
        }
    }

    /// The severity of a finding of `kind` in a message whose findings cover the kinds in
    /// `present`.
    pub(crate) fn severity(
        &self,
        kind: Kind,
        present: KindMask,
        channel: Channel,
        accepted_unencrypted: bool,
    ) -> Severity {
        let secure = self.every_channel_secure || channel.is_secure();
        let rubric = if secure {
            &self.secure
        } else {
            &self.unsecured
        };
        let severity = rubric.severity(kind, present);
        let lower = accepted_unencrypted
            && !secure
            && self.acceptance_lowers
            && self.never_lowered & bit(kind) == 0;
        if lower {
            severity.lowered()
        } else {
            severity
        }
    }
}

/// The verdict a set of severities leads to.
pub(crate) fn verdict(severities: impl IntoIterator<Item = Severity>) -> Verdict {
    match severities.into_iter().max() {
        Some(Severity::Error) => Verdict::Block,
        Some(Severity::Warning) => Verdict::Warn,
        _ => Verdict::Allow,
    }
}

// ---------------------------------------------------------------------------------------------
// A string selects a preset (strictly: an unknown name is an error listing the names); an object
// is a full policy.

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PolicyVisitor;
        impl<'de> Visitor<'de> for PolicyVisitor {
            type Value = Policy;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a preset name or a policy object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Policy, E> {
                PRESETS
                    .iter()
                    .find(|row| row.name == v)
                    .map(|row| Policy::Preset(row.preset))
                    .ok_or_else(|| E::unknown_variant(v, PRESET_NAMES))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Policy, A::Error> {
                PolicyConfig::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Policy::Custom)
            }
        }
        deserializer.deserialize_any(PolicyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sev(policy: &Policy, kind: Kind, present: &[Kind], channel: Channel) -> Severity {
        CompiledPolicy::new(policy).severity(kind, mask(present), channel, false)
    }

    #[test]
    fn presets_are_in_enum_order() {
        for (i, row) in PRESETS.iter().enumerate() {
            assert_eq!(row.preset as usize, i);
            assert_eq!(PRESET_NAMES[i], row.name);
        }
    }

    #[test]
    fn reminder_rubric_on_sms() {
        let p = Policy::default();
        let sms = Channel::Sms;
        assert_eq!(sev(&p, Kind::Ssn, &[Kind::Ssn], sms), Severity::Error);
        assert_eq!(sev(&p, Kind::Name, &[Kind::Name], sms), Severity::Info);
        assert_eq!(
            sev(&p, Kind::DateOther, &[Kind::DateOther], sms),
            Severity::Info
        );
        assert_eq!(
            sev(&p, Kind::Treatment, &[Kind::Treatment], sms),
            Severity::Warning
        );
        let both = [Kind::Treatment, Kind::Name];
        assert_eq!(sev(&p, Kind::Treatment, &both, sms), Severity::Error);
        assert_eq!(sev(&p, Kind::Name, &both, sms), Severity::Error);
        assert_eq!(sev(&p, Kind::Phone, &[Kind::Phone], sms), Severity::Warning);
    }

    #[test]
    fn portal_warns_only_on_ssn_and_account() {
        let p = Policy::default();
        let portal = Channel::Portal;
        assert_eq!(sev(&p, Kind::Ssn, &[Kind::Ssn], portal), Severity::Warning);
        assert_eq!(
            sev(&p, Kind::DateDob, &[Kind::DateDob], portal),
            Severity::Info
        );
        let sp = Policy::Preset(Preset::SecurePortal);
        assert_eq!(
            sev(
                &sp,
                Kind::Treatment,
                &[Kind::Treatment, Kind::Name],
                Channel::Sms
            ),
            Severity::Info
        );
    }

    #[test]
    fn consent_lowers_but_never_ssn() {
        let p = CompiledPolicy::new(&Policy::default());
        let present = mask(&[Kind::Ssn, Kind::DateDob]);
        assert_eq!(
            p.severity(Kind::DateDob, present, Channel::Sms, true),
            Severity::Warning
        );
        assert_eq!(
            p.severity(Kind::Ssn, present, Channel::Sms, true),
            Severity::Error
        );
    }

    #[test]
    fn config_round_trips_and_compiles_the_same() {
        for preset in [Preset::Reminder, Preset::SecurePortal, Preset::Marketing] {
            let json = serde_json::to_string(&preset.config()).unwrap();
            let custom: Policy = serde_json::from_str(&json).unwrap();
            assert_eq!(
                CompiledPolicy::new(&custom),
                CompiledPolicy::new(&Policy::Preset(preset))
            );
        }
    }
}
