//! The checklist of one appointment: which requirements apply, which copy of each form counts,
//! what stands in the way, and which intake answers need a clinician.

use crate::client::RecordStatus;
use crate::clock::{add_months, age_on, Instant, ZoneMemo};
use crate::compile::{Compiled, CompiledRequirement};
use crate::prepare::{Buffers, PreparedAppointment, PreparedClient, PreparedRecord};
use crate::report::*;
use crate::rules::*;
use chrono::{Days, TimeDelta};
use medspa_errors::CodedError;
use std::sync::Arc;

/// Everything one appointment's check reads.
pub(crate) struct Context<'a, 'r> {
    pub rules: &'a Compiled<'r>,
    pub client: &'a PreparedClient<'r>,
    pub appointment: &'a PreparedAppointment<'r>,
    /// The clinic's zone, remembered across the call's appointments in it.
    pub memo: &'a ZoneMemo<'a>,
    pub now: Instant,
}

/// How one copy of a form stands against one requirement.
pub(crate) struct Judgement {
    code: Option<FindingCode>,
    reason: Option<FindingCode>,
    expires: Option<Instant>,
    unanswered: Vec<String>,
}

impl Judgement {
    fn code(code: FindingCode) -> Self {
        Judgement {
            code: Some(code),
            reason: None,
            expires: None,
            unanswered: Vec::new(),
        }
    }

    /// Lower is better: the checklist shows the copy furthest along.
    fn rank(&self) -> u8 {
        use FindingCode::*;
        match self.code {
            None => 0,
            Some(ExpiresBeforeAppointment) => 1,
            Some(OutdatedVersion) => 2,
            Some(Expired) | Some(PerformerNotAllowed) => 3,
            Some(Unsigned) => 4,
            Some(Incomplete) => 5,
            Some(InProgress) => 6,
            Some(SentNotOpened) => 7,
            Some(NotSent) => 8,
            Some(Revoked) => 9,
            Some(_) => 10,
        }
    }
}

impl<'r> Context<'_, 'r> {
    /// The whole checklist, using the lists of `buffers`.
    pub(crate) fn check(&self, buffers: &mut Buffers<'_>) -> Result<AppointmentCheck, CodedError> {
        // Each applicable requirement with its judgement, in rule order (so sorted by index).
        let judged = &mut buffers.judged;
        judged.clear();
        for (i, requirement) in self.rules.requirements.iter().enumerate() {
            if self.applies(requirement) {
                judged.push((i, self.judge_requirement(requirement)?));
            }
        }
        let open = |k: usize| {
            judged
                .binary_search_by_key(&k, |(i, _)| *i)
                .is_ok_and(|at| judged[at].1.code.is_some())
        };
        // Exactly as many findings as requirements: a review line is rare, and a day's
        // findings are most of its memory.
        let mut findings = Vec::with_capacity(judged.len());
        // Requirements share a few due offsets: each deadline is worked out once (and the
        // memo formats it once for all the appointments starting at the same time).
        let deadlines = &mut buffers.deadlines;
        deadlines.clear();
        deadlines.resize(self.rules.due_hours.len(), None);
        // The earliest deadline of an open finding, compared as instants: the shown text of two
        // same-zone deadlines does not sort by time across a DST change.
        let mut earliest: Option<(Instant, Arc<String>)> = None;
        for (i, judgement) in judged.iter() {
            let requirement = &self.rules.requirements[*i];
            let waiting_on = requirement
                .depends_on
                .iter()
                .filter(|&&k| open(k))
                .map(|&k| self.rules.requirements[k].def.id.clone())
                .collect();
            let (deadline, deadline_text) = match deadlines.get(requirement.due) {
                Some(Some(known)) => known.clone(),
                _ => {
                    let hours = TimeDelta::hours(i64::from(requirement.def.due_hours_before));
                    let deadline = self.appointment.start - hours;
                    let shown = (deadline, self.memo.show(deadline)?);
                    if let Some(slot) = deadlines.get_mut(requirement.due) {
                        *slot = Some(shown.clone());
                    }
                    shown
                }
            };
            if judgement.code.is_some() && earliest.as_ref().is_none_or(|(at, _)| deadline < *at) {
                earliest = Some((deadline, deadline_text.clone()));
            }
            findings.push(self.finding(*i, judgement, deadline, deadline_text, waiting_on)?);
        }
        if let Some((review, deadline)) = self.review_finding()? {
            if earliest.as_ref().is_none_or(|(at, _)| deadline < *at) {
                earliest = Some((deadline, review.deadline.clone()));
            }
            findings.reserve_exact(1);
            findings.push(review);
        }
        let status = if findings.iter().any(|f| f.state == FindingState::Blocking) {
            AppointmentStatus::Blocked
        } else if findings.iter().any(|f| f.state == FindingState::Pending) {
            AppointmentStatus::Incomplete
        } else {
            AppointmentStatus::Ready
        };
        let appointment = self.appointment.appointment;
        Ok(AppointmentCheck {
            appointment_id: appointment.id.clone(),
            client_id: appointment.client_id.clone(),
            location_id: appointment
                .location_id
                .as_deref()
                .map(|id| self.memo.location(id)),
            start: self.memo.show(self.appointment.start)?,
            local_date: self.memo.show_date(self.appointment.local_date),
            status,
            findings,
            next_deadline: earliest.map(|(_, text)| text),
        })
    }

    fn applies(&self, requirement: &CompiledRequirement<'_>) -> bool {
        let def = requirement.def;
        if !self.appointment.in_scope(requirement.scope.as_ref()) {
            return false;
        }
        let Some(when) = &def.when else { return true };
        if let Some(birth) = self.client.birth_date {
            let age = age_on(birth, self.appointment.local_date).unwrap_or(0);
            if when.min_age.is_some_and(|min| age < u32::from(min))
                || when.max_age.is_some_and(|max| age > u32::from(max))
            {
                return false;
            }
        }
        // An unknown state keeps the requirement: never drop paperwork for lack of data.
        let listed = |states: &[String], state: &Option<String>| {
            states.is_empty()
                || state
                    .as_deref()
                    .is_none_or(|s| states.iter().any(|t| t.eq_ignore_ascii_case(s)))
        };
        listed(&when.client_states, &self.client.client.state)
            && listed(
                &when.clinic_states,
                &self.appointment.appointment.clinic_state,
            )
    }

    fn judge_requirement(
        &self,
        requirement: &CompiledRequirement<'_>,
    ) -> Result<Judgement, CodedError> {
        let mut best = Judgement::code(FindingCode::Missing);
        for record in self.client.records_of(requirement.form) {
            if !self.in_validity_scope(requirement.def.validity, record) {
                continue;
            }
            let judgement = self.judge_copy(requirement, record)?;
            // Ties go to the later copy: records are in input order within a form.
            if judgement.rank() <= best.rank() {
                best = judgement;
            }
        }
        let wrapper = match requirement.kind {
            DocumentKind::GuardianConsent => Some(FindingCode::GuardianRequired),
            DocumentKind::GoodFaithExam => Some(FindingCode::ExamRequired),
            _ => None,
        };
        if let (Some(wrapper), Some(code)) = (wrapper, best.code) {
            best.reason = Some(code);
            best.code = Some(wrapper);
        }
        Ok(best)
    }

    fn in_validity_scope(&self, validity: Validity, record: &PreparedRecord<'_>) -> bool {
        let appointment = self.appointment.appointment;
        match validity {
            Validity::EveryVisit => record.record.appointment_id.as_ref() == Some(&appointment.id),
            Validity::PerSeries => match &appointment.series_id {
                Some(series) => record.record.series_id.as_ref() == Some(series),
                None => record.record.appointment_id.as_ref() == Some(&appointment.id),
            },
            _ => true,
        }
    }

    fn judge_copy(
        &self,
        requirement: &CompiledRequirement<'_>,
        record: &PreparedRecord<'r>,
    ) -> Result<Judgement, CodedError> {
        use FindingCode::*;
        let def = requirement.def;
        let done_at = match record.record.status {
            RecordStatus::Revoked => return Ok(Judgement::code(Revoked)),
            RecordStatus::Assigned => return Ok(Judgement::code(NotSent)),
            RecordStatus::Sent => return Ok(Judgement::code(SentNotOpened)),
            RecordStatus::Opened | RecordStatus::InProgress => {
                return Ok(Judgement::code(InProgress))
            }
            RecordStatus::Completed | RecordStatus::Signed => match record.done_at {
                Some(at) => at,
                None => return Ok(Judgement::code(InProgress)),
            },
        };
        if self.client.revoked(requirement.form, done_at) {
            return Ok(Judgement::code(Revoked));
        }
        let blank = record.unanswered(self.rules);
        if !blank.is_empty() {
            let unanswered = blank.iter().map(|q| (*q).to_owned()).collect();
            return Ok(Judgement {
                code: Some(Incomplete),
                reason: None,
                expires: None,
                unanswered,
            });
        }
        let signed = record.record.status == RecordStatus::Signed;
        match def.signature {
            Signature::Client | Signature::Witnessed if !signed => {
                return Ok(Judgement::code(Unsigned))
            }
            Signature::Witnessed if !record.record.witnessed => {
                let mut judgement = Judgement::code(Unsigned);
                judgement.reason = Some(WitnessMissing);
                return Ok(judgement);
            }
            _ => {}
        }
        if let Some(exam) = &def.exam {
            let allowed = record.record.performer.as_ref().is_some_and(|p| {
                exam.performer_roles
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&p.role))
                    && (exam.modalities.is_empty() || exam.modalities.contains(&p.modality))
            });
            if !allowed {
                return Ok(Judgement::code(PerformerNotAllowed));
            }
        }
        if requirement
            .min_version
            .is_some_and(|min| record.version < min)
        {
            return Ok(Judgement::code(OutdatedVersion));
        }
        let expires = self.expiry(def.validity, done_at)?;
        let code = match expires {
            Some(at) if self.now >= at => Some(Expired),
            Some(at) if at <= self.appointment.start => Some(ExpiresBeforeAppointment),
            _ => None,
        };
        Ok(Judgement {
            code,
            reason: None,
            expires,
            unanswered: Vec::new(),
        })
    }

    /// 00:00 in the clinic's zone on the first local date the copy no longer covers.
    fn expiry(&self, validity: Validity, done_at: Instant) -> Result<Option<Instant>, CodedError> {
        let signed_on = self.memo.clock().date_of(done_at)?;
        let end = match validity {
            Validity::EveryNDays { days } => signed_on.checked_add_days(Days::new(u64::from(days))),
            Validity::EveryNMonths { months } => add_months(signed_on, months),
            Validity::Once | Validity::EveryVisit | Validity::PerSeries => return Ok(None),
        };
        // Past chrono's last date the copy simply never expires within representable time.
        end.map(|date| self.memo.start_of(date)).transpose()
    }

    fn finding(
        &self,
        index: usize,
        judgement: &Judgement,
        deadline: Instant,
        deadline_text: Arc<String>,
        waiting_on: Box<[String]>,
    ) -> Result<Finding, CodedError> {
        let requirement = &self.rules.requirements[index];
        let state = match judgement.code {
            None => FindingState::Ok,
            Some(FindingCode::Revoked) => FindingState::Blocking,
            Some(_) if self.now >= deadline => FindingState::Blocking,
            Some(_) => FindingState::Pending,
        };
        Ok(Finding {
            requirement: Some(requirement.id.clone()),
            form: Some(requirement.form_id.clone()),
            kind: Some(requirement.kind),
            state,
            code: judgement.code,
            reason: judgement.reason,
            deadline: deadline_text,
            expires_at: judgement.expires.map(|at| self.memo.show(at)).transpose()?,
            unanswered: judgement.unanswered.as_slice().into(),
            waiting_on,
            triggers: Box::default(),
        })
    }

    /// 00:00 (clinic time) of the appointment's date minus `reviewDaysBefore`.
    pub(crate) fn review_deadline(&self) -> Result<Instant, CodedError> {
        let days = Days::new(u64::from(self.rules.review_days_before));
        let date = self
            .appointment
            .local_date
            .checked_sub_days(days)
            .unwrap_or(chrono::NaiveDate::MIN);
        self.memo.start_of(date)
    }

    /// The clinical-review line, if any trigger is open, with its deadline as an instant.
    fn review_finding(&self) -> Result<Option<(Finding, Instant)>, CodedError> {
        let mut triggers = Vec::new();
        for (t, trigger) in self.rules.triggers.iter().enumerate() {
            if !self
                .appointment
                .in_scope(self.rules.trigger_scopes[t].as_ref())
            {
                continue;
            }
            let answer = self.client.answers.get(trigger.question.as_str());
            if !self.sets_off(&trigger.when, answer.map(|(value, _)| *value)) {
                continue;
            }
            let answered_at = answer.map(|&(_, at)| at);
            let reviewed = self
                .client
                .reviews
                .iter()
                .any(|&(r, at)| r == t && answered_at.is_none_or(|answered| at >= answered));
            if reviewed {
                continue;
            }
            let (id, question) = &self.rules.trigger_names[t];
            triggers.push(TriggeredReview {
                trigger: id.clone(),
                question: question.clone(),
                answered_at: answered_at
                    .map(|at| self.memo.clock().show(at))
                    .transpose()?,
            });
        }
        if triggers.is_empty() {
            return Ok(None);
        }
        let deadline = self.review_deadline()?;
        let finding = Finding {
            requirement: None,
            form: None,
            kind: None,
            state: if self.now >= deadline {
                FindingState::Blocking
            } else {
                FindingState::Pending
            },
            code: Some(FindingCode::NeedsReview),
            reason: None,
            deadline: self.memo.show(deadline)?,
            expires_at: None,
            unanswered: Box::default(),
            waiting_on: Box::default(),
            triggers: triggers.into_boxed_slice(),
        };
        Ok(Some((finding, deadline)))
    }

    fn sets_off(&self, test: &AnswerTest, answer: Option<&AnswerValue>) -> bool {
        let Some(answer) = answer else {
            return matches!(test, AnswerTest::Answered(false));
        };
        match test {
            AnswerTest::Equals(expected) => answer_matches(answer, expected),
            AnswerTest::AnyOf(options) => options.iter().any(|o| answer_matches(answer, o)),
            AnswerTest::Answered(wanted) => *wanted,
            AnswerTest::WithinMonths(months) => match answer {
                // An unreadable date is flagged: a clinician can read what a parser cannot.
                AnswerValue::Text(text) => match medspa_zoned::parse_local_date(text.trim()) {
                    Ok(date) => add_months(date, *months)
                        .is_none_or(|until| until > self.appointment.local_date),
                    Err(_) => true,
                },
                AnswerValue::Bool(yes) => *yes,
                AnswerValue::Number(_) | AnswerValue::List(_) => true,
            },
        }
    }
}

fn answer_matches(answer: &AnswerValue, expected: &AnswerValue) -> bool {
    let same_text = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    match (answer, expected) {
        (AnswerValue::Bool(a), AnswerValue::Bool(b)) => a == b,
        (AnswerValue::Number(a), AnswerValue::Number(b)) => a == b,
        (AnswerValue::Text(a), AnswerValue::Text(b)) => same_text(a, b),
        (AnswerValue::List(items), AnswerValue::Text(b)) => items.iter().any(|a| same_text(a, b)),
        (AnswerValue::List(items), AnswerValue::List(wanted)) => {
            wanted.iter().all(|b| items.iter().any(|a| same_text(a, b)))
        }
        _ => false,
    }
}
