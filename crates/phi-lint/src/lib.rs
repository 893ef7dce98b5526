//! PHI linting: checks a client message for protected health information, per channel, with
//! spans and fixes, before it is sent. Pure Rust: no I/O, no clock; everything it knows about
//! the clinic and the recipient comes in [`LintOptions`].
//!
//! ```
//! use medspa_phi_lint::{lint, LintOptions, Verdict, Escalation};
//! let options = LintOptions::default(); // outbound SMS, `reminder` preset, English
//! let report = lint("Hi Maria, see you tomorrow at 3pm!", &options).unwrap();
//! assert_eq!(report.verdict, Verdict::Allow); // a first name and a time are minimum necessary
//!
//! let report = lint("Hi Maria, your DOB 02/14/1991 is on file.", &options).unwrap();
//! assert_eq!(report.verdict, Verdict::Block);
//! assert_eq!(report.redacted, "Hi [name], your DOB [date of birth] is on file.");
//! let dob = report.diagnostics.iter().find(|d| d.rule_id == "phi/dob").unwrap();
//! assert_eq!((dob.span.start, dob.span.end), (19, 29)); // the value, not the cue
//!
//! let report = lint("My lip looks white and dusky since the filler", &LintOptions {
//!     direction: medspa_phi_lint::Direction::Inbound,
//!     ..LintOptions::default()
//! }).unwrap();
//! assert_eq!(report.escalate, Escalation::Urgent);
//! ```
//!
//! # The verdict rubric (domain.md §5)
//!
//! Only findings that are the client's own information count: the clinic's phone, address,
//! ZIP, website and email (from `context.clinic`, or announced by "call us at", "visit us at"),
//! staff and provider names ("Dr. Patel", `context.clinic.staff`, the sender's sign-off),
//! provider licence and NPI numbers, treatments in a broadcast promotion, generic aftercare
//! ("mild swelling is normal"), a pharmacy's address, clinic closure and event dates, partial
//! card numbers ("ending in 4242"), receipt and order numbers, one-time codes and gift codes are
//! never flagged.
//!
//! Presets are data ([`Preset::config`] returns the table row as a [`PolicyConfig`]):
//!
//! | preset | channel | block | warn | info (allowed) |
//! |---|---|---|---|---|
//! | `reminder` (default) | `sms`, `email`, `voice`, `push` | SSN, DATE_DOB, MRN, INSURANCE_ID, LICENSE, ACCOUNT; any health detail together with NAME or a contact/other identifier | health details (TREATMENT, CONDITION, MEDICATION, BODY_AREA, SYMPTOM); PHONE, FAX, EMAIL, ADDRESS, ZIP, URL, IP, DEVICE_ID, VEHICLE, BIOMETRIC, OTHER_ID | NAME, DATE_OTHER |
//! | `reminder` | `portal` | — | SSN, ACCOUNT | everything else |
//! | `secure-portal` | any (treated as secure) | — | SSN, ACCOUNT | everything else |
//! | `marketing` | any | every finding: any identifier, and any health detail addressed to the reader ("your Botox", or in a message that names or identifies them) | — | — |
//!
//! Health details in a promotional sentence that addresses nobody ("Botox specials this
//! month") are not findings under `reminder` and `secure-portal`; under `marketing` no
//! unaddressed health detail is. `acceptedUnencrypted: true` lowers each severity one step on
//! unsecured channels (error → warning → info), except SSN and ACCOUNT, which keep theirs;
//! under `marketing` it changes nothing. Inbound replies (`direction: "inbound"`) are graded
//! with the same rubric, before they are quoted, forwarded or stored.
//!
//! # Rules
//!
//! | rule id | kind | found by |
//! |---|---|---|
//! | `phi/name` | NAME | recipient context (any case, accents, initials, possessive), greetings ("Hi Maria", "Hola Sra. García"), titles ("Mrs. Okafor"), a compact first-name list |
//! | `phi/dob` | DATE_DOB | a date after a cue (DOB, born, birthday, fecha de nacimiento) or equal to `context.recipient.dob` |
//! | `phi/date` | DATE_OTHER | dates with a day of month, month name or weekday, with an attached time; not "tomorrow at 3pm" |
//! | `phi/phone`, `phi/fax` | PHONE, FAX | US formats, `+1`, 555-01xx, international `+`; fax after a fax cue |
//! | `phi/email`, `phi/url`, `phi/ip` | EMAIL, URL, IP | shapes; the clinic's domains are dropped |
//! | `phi/address`, `phi/zip` | ADDRESS, ZIP | house number + street + suffix (+ unit, city), "Calle Mayor 12", PO boxes; ZIP after a state or cue, ZIP+4 |
//! | `phi/ssn` | SSN | 3-2-4 shapes (with dashes, spaces or dots) and 9 digits after an SSN cue |
//! | `phi/mrn`, `phi/insurance-id`, `phi/other-id` | MRN, INSURANCE_ID, OTHER_ID | the value after a cue (MRN, chart #, member ID, policy #, claim #, Rx #) |
//! | `phi/account` | ACCOUNT | card numbers passing Luhn; bank account and routing numbers after a cue |
//! | `phi/license`, `phi/vehicle`, `phi/device-id`, `phi/biometric` | LICENSE, VEHICLE, DEVICE_ID, BIOMETRIC | the value after a cue (driver's license, VIN, plate, serial number, fingerprint id) |
//! | `health/treatment` … `health/symptom` | TREATMENT, CONDITION, MEDICATION, BODY_AREA, SYMPTOM | the lexicons (English and Spanish, `data/lexicon`), in one automaton pass; non-treatment kinds only when tied to a person ("your lips", "I have rosacea") |
//! | `template/field` | the field's kind | merge fields classified by [`DEFAULT_FIELD_MAP`] and `templateFields` |
//! | `template/unknown-field` | OTHER_ID (info) | a merge field no map classifies |
//! | `escalate/urgent-symptom` | SYMPTOM (error) | a reported red-flag symptom |
//! | `escalate/urgent-reassurance` | SYMPTOM (error) | reassurance about a red-flag symptom ("blanching is normal, just massage") |
//! | `escalate/clinical-question` | SYMPTOM, MEDICATION (warning) | a client's question about symptoms, medication or dosing |
//! | `escalate/symptom-report` | SYMPTOM (warning) | a client reporting a symptom beyond mild swelling or bruising |
//! | `escalate/clinical-advice` | MEDICATION, SYMPTOM (warning) | staff advice on medication, dosing or symptoms |
//!
//! Severities of `phi/*`, `health/*` and `template/field` come from the policy table above;
//! escalation severities are fixed and do not change the verdict (they set `escalate`).
//! Messages never repeat the matched text; fixes replace a finding with its placeholder
//! (`[date of birth]`, `[teléfono]` for `es`). The redacted text replaces every `phi/*`,
//! `health/*` and `template/field` finding.
//!
//! Spans: `span` is in UTF-16 code units (JavaScript's `text.slice(start, end)`), `utf8` in
//! bytes; both half-open and on character boundaries. A name covers the name tokens, not the
//! honorific ("Dr. **Alvarez**"); an identifier covers the value, not its cue ("DOB
//! **02/14/1991**").
//!
//! # Lexicons, quality and speed
//!
//! The lexicons live in `data/` as plain text (one term per line, `[sections]`, `#` comments,
//! `~` for words that need more evidence): treatments, conditions, medications, body areas and
//! symptoms in `data/lexicon/{en,es}`, cue phrases in `data/cues`, date words, greetings and
//! titles in `data/words.txt`, and the compact name lists in `data/names`. They are compiled in
//! with `include_str!` (see [`lexicon_data_bytes`]) and matched in one pass by a single
//! trie (a double array: one table read per byte) built on first use and walked from each word
//! start ([`lexicon_pattern_count`], [`lexicon_automaton_bytes`]); clinic `extraTerms` get a
//! second, small trie per [`Linter`].
//!
//! `cargo run -p medspa-phi-lint --release --example evaluate` scores the labeled corpus in
//! `tests/corpus` (precision and recall per kind, verdict accuracy, escalation recall);
//! `tests/corpus.rs` holds the thresholds. `cargo bench -p medspa-phi-lint` runs the criterion
//! benchmarks (a 160-character SMS, a 64 KiB email, growing lexicons).
//!
//! With the `ts` feature, public data types also derive `tsify::Tsify`, so the WASM bindings can
//! publish TypeScript declarations generated from these very types (nothing else changes).

#![forbid(unsafe_code)]

mod analyze;
pub(crate) mod detect;
mod escalation;
mod index;
mod kind;
mod lexicon;
mod options;
mod policy;
mod redact;
mod report;
mod setup;
mod template;
pub(crate) mod text;
mod trie;

pub use kind::{Kind, ALL_KINDS};
pub use lexicon::{
    automaton_bytes as lexicon_automaton_bytes, data_bytes as lexicon_data_bytes,
    pattern_count as lexicon_pattern_count,
};
pub use options::{
    Channel, ClinicIdentifiers, Context, Direction, ExtraTerms, LintOptions, Locale,
    RecipientIdentifiers, TemplateField, MAX_ENTRY_BYTES, MAX_LIST_ENTRIES, MAX_TEXT_BYTES,
};
pub use policy::{Combination, Policy, PolicyConfig, Preset, Rubric, UnaddressedHealth};
pub use report::{Diagnostic, Escalation, Fix, Offsets, Redaction, Report, Severity, Verdict};
pub use template::DEFAULT_FIELD_MAP;

use medspa_errors::CodedError;

/// The plugin's name as used in package names (`@medspa-kit/phi-lint`) and error reports.
pub const PLUGIN: &str = "phi-lint";

/// Options compiled once, for checking many texts (as the user types, or a batch).
///
/// ```
/// use medspa_phi_lint::{Linter, LintOptions, Verdict};
/// let linter = Linter::new(&LintOptions::default()).unwrap();
/// assert_eq!(linter.lint("See you soon!").unwrap().verdict, Verdict::Allow);
/// ```
pub struct Linter {
    setup: setup::Setup,
    /// Vectors reused from one text to the next (lexicon hits, words, breaks…): on a short
    /// message their allocations were a large share of the time. A `Mutex`, not a `RefCell`,
    /// so `Linter` stays `Send + Sync`; a call that finds it taken (another thread is linting)
    /// uses fresh buffers instead of waiting. The buffers keep the capacity of the longest text
    /// seen, at most a few hundred KiB for a 64 KiB text.
    buffers: std::sync::Mutex<detect::ScanBuffers>,
}

impl Linter {
    /// Validates and compiles `options`: errors name the field (`$.context.recipient.dob`).
    pub fn new(options: &LintOptions) -> Result<Linter, CodedError> {
        Ok(Linter {
            setup: setup::Setup::new(options)?,
            buffers: std::sync::Mutex::default(),
        })
    }

    /// Runs `f` with the reusable buffers, or fresh ones if another thread holds them.
    fn with_buffers<R>(&self, f: impl FnOnce(&mut detect::ScanBuffers) -> R) -> R {
        match self.buffers.try_lock() {
            Ok(mut buffers) => f(&mut buffers),
            Err(_) => f(&mut detect::ScanBuffers::default()),
        }
    }

    /// Checks a message.
    pub fn lint(&self, text: &str) -> Result<Report, CodedError> {
        check_length(text)?;
        Ok(self.with_buffers(|b| analyze::analyze(text, text, &self.setup, &[], b)))
    }

    /// Checks a template: each merge field is a finding of the kind it inserts, and the literal
    /// text is checked as a message.
    pub fn lint_template(&self, template: &str) -> Result<Report, CodedError> {
        check_length(template)?;
        let (fields, masked) = template::fields(&self.setup, template);
        Ok(self.with_buffers(|b| analyze::analyze(template, &masked, &self.setup, &fields, b)))
    }
}

fn check_length(text: &str) -> Result<(), CodedError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(CodedError::new(
            "TEXT_TOO_LONG",
            "$.text",
            format!("the text is longer than {} KiB", MAX_TEXT_BYTES / 1024),
        ));
    }
    Ok(())
}

/// Checks one message: the verdict for its channel and policy, the escalation level, every
/// finding with its span and fix, and the redacted text. The options compiled for the last call
/// on this thread are kept (and its buffers, up to a few hundred KiB after a long text), so
/// calls with the same options cost what [`Linter::lint`] does.
///
/// ```
/// use medspa_phi_lint::{lint, LintOptions, Channel, Verdict};
/// let sms = LintOptions::default();
/// assert_eq!(lint("Your SSN 987-65-4320 is needed", &sms).unwrap().verdict, Verdict::Block);
/// let portal = LintOptions { channel: Channel::Portal, ..LintOptions::default() };
/// assert_eq!(lint("Your Botox follow-up notes are ready", &portal).unwrap().verdict, Verdict::Allow);
/// let long = "a".repeat(70_000);
/// assert_eq!(lint(&long, &sms).unwrap_err().code, "TEXT_TOO_LONG");
/// ```
pub fn lint(text: &str, options: &LintOptions) -> Result<Report, CodedError> {
    check_length(text)?;
    with_last_linter(options, |linter| linter.lint(text))
}

/// Checks a template with `{{merge.fields}}`.
///
/// ```
/// use medspa_phi_lint::{lint_template, LintOptions, Kind, Verdict};
/// let report = lint_template(
///     "Hi {{client.first_name}}, your {{treatment.name}} is on {{appointment.date}}.",
///     &LintOptions::default(),
/// ).unwrap();
/// assert_eq!(report.verdict, Verdict::Block); // a name and a treatment on SMS
/// let field = report.diagnostics.iter().find(|d| d.kind == Kind::Treatment).unwrap();
/// assert_eq!((field.rule_id, field.span.start, field.span.end), ("template/field", 31, 49));
/// ```
pub fn lint_template(template: &str, options: &LintOptions) -> Result<Report, CodedError> {
    check_length(template)?;
    with_last_linter(options, |linter| linter.lint_template(template))
}

std::thread_local! {
    /// The [`Linter`] compiled for the last options [`lint`] and [`lint_template`] were given
    /// on this thread: a message box checks every keystroke with the same options, and
    /// compiling them (and growing fresh buffers) cost more than linting an SMS. Only the
    /// time changes: the report depends on the options and the text alone.
    static LAST_LINTER: std::cell::RefCell<Option<(LintOptions, Linter)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `check` with the thread's linter for `options`, compiling it if they changed.
fn with_last_linter(
    options: &LintOptions,
    check: impl FnOnce(&Linter) -> Result<Report, CodedError>,
) -> Result<Report, CodedError> {
    LAST_LINTER.with(|last| {
        // Nothing in `check` calls back into `lint`, so the borrow is always free; were it not,
        // a linter of its own is the safe answer.
        let Ok(mut last) = last.try_borrow_mut() else {
            return check(&Linter::new(options)?);
        };
        let linter = match last.take() {
            Some((kept, linter)) if kept == *options => last.insert((kept, linter)),
            _ => last.insert((options.clone(), Linter::new(options)?)),
        };
        check(&linter.1)
    })
}
