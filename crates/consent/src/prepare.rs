//! Parses a client's records and an appointment once, with paths, into the shape the checks
//! read: records grouped by form, the latest answer to each question, revocations, reviews.

use crate::client::{Answer, Client, ConsentAppointment, FormRecord, RecordStatus};
use crate::clock::{date_at, instant_at, ClinicClock, Instant};
use crate::codes::*;
use crate::compile::{Compiled, TreatmentSet};
use crate::evaluate::Judgement;
use crate::limits::*;
use crate::rules::AnswerValue;
use crate::version::FormVersion;
use chrono::NaiveDate;
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::sync::Arc;

/// Lists reused from one appointment (and one client) to the next within a call: a day's check
/// would otherwise allocate and free the same handful of short lists 2,000 times over, and
/// allocation was a fifth of its time. Each user clears what it takes.
#[derive(Default)]
pub(crate) struct Buffers<'r> {
    pub treatments: Vec<usize>,
    pub judged: Vec<(usize, Judgement)>,
    pub deadlines: Vec<Option<(Instant, Arc<String>)>>,
    records: Vec<PreparedRecord<'r>>,
    answers: HashMap<&'r str, (&'r AnswerValue, Instant)>,
}

pub(crate) struct PreparedRecord<'c> {
    pub record: &'c FormRecord,
    pub form: usize,
    pub version: FormVersion,
    /// When the client finished it: `signedAt` for `signed`, `completedAt` for `completed`.
    pub done_at: Option<Instant>,
    /// The form's required questions this copy leaves blank: see [`Self::unanswered`].
    unanswered: OnceCell<Vec<&'c str>>,
    /// Position in the input, the tiebreak between otherwise equal copies.
    pub position: usize,
}

impl<'c> PreparedRecord<'c> {
    /// The form's required questions this copy leaves blank (usually none: no allocation),
    /// worked out the first time the copy is judged that far. Many copies never are (not
    /// finished, revoked, or of a form no appointment needs), and their answers, in memory
    /// long out of cache during a day's check, then need not be read at all.
    pub(crate) fn unanswered(&self, rules: &Compiled<'c>) -> &[&'c str] {
        self.unanswered.get_or_init(|| {
            let required = rules
                .forms
                .get(self.form)
                .map_or(&[][..], |f| &f.required_questions);
            unanswered(required, &self.record.answers)
        })
    }
}

pub(crate) struct PreparedClient<'c> {
    pub client: &'c Client,
    pub birth_date: Option<NaiveDate>,
    /// Sorted by form index.
    pub records: Vec<PreparedRecord<'c>>,
    /// (form, revokedAt) of every revocation.
    pub revocations: Vec<(usize, Instant)>,
    /// The latest non-blank answer to each question, with when it was given. Answers on a
    /// revoked copy still count: a withdrawn consent does not make a disclosed pregnancy
    /// untrue, and flagging more is the safe side of a review list.
    pub answers: HashMap<&'c str, (&'c AnswerValue, Instant)>,
    /// (trigger, reviewedAt).
    pub reviews: Vec<(usize, Instant)>,
}

impl<'c> PreparedClient<'c> {
    /// Hands this client's lists back for the next client's preparation.
    pub(crate) fn recycle(self, buffers: &mut Buffers<'c>) {
        let (mut records, mut answers) = (self.records, self.answers);
        records.clear();
        answers.clear();
        buffers.records = records;
        buffers.answers = answers;
    }

    pub(crate) fn records_of(&self, form: usize) -> &[PreparedRecord<'c>] {
        let start = self.records.partition_point(|r| r.form < form);
        let end = self.records.partition_point(|r| r.form <= form);
        &self.records[start..end]
    }

    /// Whether a copy of `form` finished at `done_at` was withdrawn by a later revocation.
    pub(crate) fn revoked(&self, form: usize, done_at: Instant) -> bool {
        self.revocations
            .iter()
            .any(|&(f, at)| f == form && done_at <= at)
    }
}

/// Checks `client` against the rules; error paths are rooted at the client (`$`).
pub(crate) fn prepare_client<'c>(
    rules: &Compiled<'c>,
    client: &'c Client,
    buffers: &mut Buffers<'c>,
) -> Result<PreparedClient<'c>, CodedError> {
    if client.records.len() > MAX_RECORDS {
        return Err(too_many("$.records", MAX_RECORDS));
    }
    if client.reviews.len() > MAX_REVIEWS {
        return Err(too_many("$.reviews", MAX_REVIEWS));
    }
    let birth_date = match &client.birth_date {
        Some(text) => Some(date_at(text, "$.birthDate")?),
        None => None,
    };
    fetch_ahead(&client.records);
    let mut records = std::mem::take(&mut buffers.records);
    records.clear();
    records.reserve(client.records.len());
    let mut revocations = Vec::new();
    let mut answers = std::mem::take(&mut buffers.answers);
    answers.clear();
    for (position, record) in client.records.iter().enumerate() {
        // Paths are formatted only on error: building them eagerly was a third of a day check.
        let at_record = |e: CodedError| e.under(&format!("$.records[{position}]"));
        let prepared = prepare_record(rules, record, position).map_err(at_record)?;
        if record.status == RecordStatus::Revoked {
            if let Some(at) =
                optional_instant(&record.revoked_at, "$.revokedAt").map_err(at_record)?
            {
                revocations.push((prepared.form, at));
            }
        }
        if let Some(done_at) = prepared.done_at {
            // Only answers to the form's own questions that some trigger tests are kept; the
            // rest are never read (and most forms have none).
            let wanted = &rules.forms[prepared.form].trigger_questions;
            let tested = |q: &str| match wanted.len() {
                0 => false,
                1..=16 => wanted.contains(&q),
                _ => rules.trigger_questions.contains(q),
            };
            for answer in record.answers.iter().filter(|_| !wanted.is_empty()) {
                if !tested(answer.question.as_str()) {
                    continue;
                }
                let Some(value) = non_blank(answer) else {
                    continue;
                };
                let newer = answers
                    .get(answer.question.as_str())
                    .is_none_or(|&(_, at)| at <= done_at);
                if newer {
                    answers.insert(answer.question.as_str(), (value, done_at));
                }
            }
        }
        records.push(prepared);
    }
    records.sort_by_key(|r| (r.form, r.position));

    let mut reviews = Vec::with_capacity(client.reviews.len());
    for (i, review) in client.reviews.iter().enumerate() {
        let at_review = |e: CodedError| e.under(&format!("$.reviews[{i}]"));
        let Some(&trigger) = rules.trigger_index.get(review.trigger.as_str()) else {
            return Err(at_review(CodedError::new(
                UNKNOWN_TRIGGER,
                "$.trigger",
                "no review trigger has this id",
            )));
        };
        reviews.push((
            trigger,
            instant_at(&review.reviewed_at, "$.reviewedAt").map_err(at_review)?,
        ));
    }
    Ok(PreparedClient {
        client,
        birth_date,
        records,
        revocations,
        answers,
        reviews,
    })
}

/// Reads the first byte of the texts that preparing and judging `records` will read, before
/// any of them is parsed. A day's check meets every record in memory long out of cache, with
/// its form, version, times and answers each in an allocation of its own: read one after
/// another as parsing reaches them, each is a trip to memory in turn, while asked for together
/// in this short loop the trips overlap (a tenth of a day's check). The loads are the point,
/// so `black_box` keeps the optimizer from dropping them.
fn fetch_ahead(records: &[FormRecord]) {
    let first = |text: &str| text.as_bytes().first().copied().unwrap_or(0);
    let mut bytes = 0u8;
    for record in records {
        bytes ^= first(&record.form) ^ first(&record.version);
        for time in [&record.completed_at, &record.signed_at]
            .into_iter()
            .flatten()
        {
            bytes ^= first(time);
        }
        if let Some(answer) = record.answers.first() {
            bytes ^= first(&answer.question);
            if let Some(AnswerValue::Text(text)) = &answer.value {
                bytes ^= first(text);
            }
        }
    }
    std::hint::black_box(bytes);
}

/// Errors are rooted at the record (`$`).
fn prepare_record<'c>(
    rules: &Compiled<'c>,
    record: &'c FormRecord,
    position: usize,
) -> Result<PreparedRecord<'c>, CodedError> {
    let Some(&form) = rules.form_index.get(record.form.as_str()) else {
        return Err(CodedError::new(
            UNKNOWN_FORM,
            "$.form",
            "no form in the rule set has this id",
        ));
    };
    let version = FormVersion::parse(&record.version).map_err(|e| e.under("$.version"))?;
    if record.answers.len() > MAX_ANSWERS {
        return Err(too_many("$.answers", MAX_ANSWERS));
    }
    optional_instant(&record.sent_at, "$.sentAt")?;
    let completed_at = optional_instant(&record.completed_at, "$.completedAt")?;
    let signed_at = optional_instant(&record.signed_at, "$.signedAt")?;
    let required = |at: Option<Instant>, field: &str| {
        at.map(Some).ok_or_else(|| {
            CodedError::new(
                MISSING_TIMESTAMP,
                format!("$.{field}"),
                "this status needs the time it was reached",
            )
        })
    };
    let done_at = match record.status {
        RecordStatus::Signed => required(signed_at, "signedAt")?,
        RecordStatus::Completed => required(completed_at, "completedAt")?,
        RecordStatus::Revoked => {
            required(
                optional_instant(&record.revoked_at, "$.revokedAt")?,
                "revokedAt",
            )?;
            None
        }
        _ => None,
    };
    Ok(PreparedRecord {
        record,
        form,
        version,
        done_at,
        unanswered: OnceCell::new(),
        position,
    })
}

/// The parts of an appointment every check reads.
pub(crate) struct PreparedAppointment<'a> {
    pub appointment: &'a ConsentAppointment,
    pub start: Instant,
    pub local_date: NaiveDate,
    /// Indexes into the rule set's treatments.
    pub treatments: Vec<usize>,
}

impl PreparedAppointment<'_> {
    /// Whether a resolved scope (`None` = everything) covers this appointment.
    pub(crate) fn in_scope(&self, scope: Option<&TreatmentSet>) -> bool {
        scope.is_none_or(|scope| self.treatments.iter().any(|&t| scope.contains(t)))
    }
}

/// Checks `appointment` against the rules; error paths are rooted at the appointment (`$`).
/// `when` is the start and its local date when the caller has already worked them out;
/// `treatments` is a list to reuse.
pub(crate) fn prepare_appointment<'a>(
    rules: &Compiled<'a>,
    zones: &dyn ZoneSource,
    appointment: &'a ConsentAppointment,
    when: Option<(Instant, NaiveDate)>,
    mut treatments: Vec<usize>,
) -> Result<PreparedAppointment<'a>, CodedError> {
    if appointment.treatments.len() > MAX_APPOINTMENT_TREATMENTS {
        return Err(too_many("$.treatments", MAX_APPOINTMENT_TREATMENTS));
    }
    let (start, local_date) = match when {
        Some(when) => when,
        None => {
            let start = instant_at(&appointment.start, "$.start")?;
            let clock = ClinicClock {
                zones,
                zone: &appointment.zone,
            };
            (start, clock.date_of(start).map_err(|e| e.under("$.zone"))?)
        }
    };
    treatments.clear();
    for (j, id) in appointment.treatments.iter().enumerate() {
        let Some(&t) = rules.treatment_index.get(id.as_str()) else {
            return Err(CodedError::new(
                UNKNOWN_TREATMENT,
                format!("$.treatments[{j}]"),
                "no treatment in the rule set has this id",
            ));
        };
        treatments.push(t);
    }
    Ok(PreparedAppointment {
        appointment,
        start,
        local_date,
        treatments,
    })
}

/// The required questions without a non-blank answer. Small forms are scanned; a long
/// questionnaire gets a set, so a hostile record cannot make this quadratic.
fn unanswered<'c>(required: &[&'c str], answers: &[Answer]) -> Vec<&'c str> {
    let answered = |q: &str, a: &Answer| a.question == q && non_blank(a).is_some();
    if required.len().saturating_mul(answers.len()) <= 1024 {
        return required
            .iter()
            .copied()
            .filter(|q| !answers.iter().any(|a| answered(q, a)))
            .collect();
    }
    let given: rustc_hash::FxHashSet<&str> = answers
        .iter()
        .filter(|a| non_blank(a).is_some())
        .map(|a| a.question.as_str())
        .collect();
    required
        .iter()
        .copied()
        .filter(|q| !given.contains(q))
        .collect()
}

fn optional_instant(text: &Option<String>, path: &str) -> Result<Option<Instant>, CodedError> {
    text.as_deref().map(|t| instant_at(t, path)).transpose()
}

fn non_blank(answer: &Answer) -> Option<&AnswerValue> {
    match answer.value.as_ref()? {
        AnswerValue::Text(text) if text.trim().is_empty() => None,
        AnswerValue::List(items) if items.is_empty() => None,
        value => Some(value),
    }
}

pub(crate) fn too_many(path: &str, max: usize) -> CodedError {
    CodedError::new(TOO_MANY, path, format!("at most {max} entries are allowed"))
}
