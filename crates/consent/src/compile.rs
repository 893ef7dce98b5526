//! Checks a rule set and turns it into the indexed form the checks run on. Every problem is
//! collected (a rules editor wants them all at once), each with a JSON path into the rule set.

use crate::codes::*;
use crate::limits::*;
use crate::rules::*;
use crate::version::FormVersion;
use medspa_errors::CodedError;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// A rule set whose ids all resolve, with versions parsed and dependencies acyclic.
#[derive(Debug)]
pub(crate) struct Compiled<'r> {
    pub forms: Vec<CompiledForm<'r>>,
    pub form_index: HashMap<&'r str, usize>,
    pub treatment_index: HashMap<&'r str, usize>,
    pub requirements: Vec<CompiledRequirement<'r>>,
    /// The distinct `dueHoursBefore` of the requirements: an appointment's deadlines are one
    /// per entry, worked out once each however many requirements share them.
    pub due_hours: Vec<u32>,
    pub triggers: Vec<&'r ReviewTrigger>,
    /// Each trigger's (id, question), shared by the findings that name them.
    pub trigger_names: Vec<(Arc<String>, Arc<String>)>,
    /// Each trigger's scope, resolved (see [`TreatmentSet`]).
    pub trigger_scopes: Vec<Option<TreatmentSet>>,
    pub trigger_index: HashMap<&'r str, usize>,
    /// Every question some trigger tests, for forms with many of them.
    pub trigger_questions: HashSet<&'r str>,
    pub review_days_before: u16,
}

#[derive(Debug)]
pub(crate) struct CompiledForm<'r> {
    pub required_questions: Vec<&'r str>,
    /// The questions on this form some review trigger tests: only their answers are kept.
    pub trigger_questions: Vec<&'r str>,
}

#[derive(Debug)]
pub(crate) struct CompiledRequirement<'r> {
    pub def: &'r Requirement,
    /// The id and form id, shared by every finding that names them.
    pub id: Arc<String>,
    pub form_id: Arc<String>,
    /// `appliesTo` resolved to the treatments it covers; `None` = every appointment.
    pub scope: Option<TreatmentSet>,
    pub form: usize,
    /// The form's kind, kept beside the other per-finding data the checks read.
    pub kind: DocumentKind,
    pub min_version: Option<FormVersion>,
    pub depends_on: Vec<usize>,
    /// Its `dueHoursBefore`, as an index into [`Compiled::due_hours`].
    pub due: usize,
}

/// A set of treatments by index: a scope's treatments plus every treatment in its categories,
/// resolved once so that matching an appointment compares bits, not strings.
#[derive(Debug)]
pub(crate) struct TreatmentSet(Vec<u64>);

impl TreatmentSet {
    pub(crate) fn contains(&self, treatment: usize) -> bool {
        self.0
            .get(treatment / 64)
            .is_some_and(|word| word >> (treatment % 64) & 1 == 1)
    }
}

/// Compiles `rules`, or returns every problem found (paths rooted at the rule set, `$`).
pub(crate) fn compile(rules: &RuleSet) -> Result<Compiled<'_>, Vec<CodedError>> {
    let mut problems = Vec::new();
    let mut limit = |len: usize, max: usize, path: &str| {
        if len > max {
            problems.push(CodedError::new(
                TOO_MANY,
                path,
                format!("at most {max} entries are allowed"),
            ));
        }
    };
    limit(rules.forms.len(), MAX_FORMS, "$.forms");
    limit(rules.treatments.len(), MAX_TREATMENTS, "$.treatments");
    limit(rules.requirements.len(), MAX_REQUIREMENTS, "$.requirements");
    limit(
        rules.review_triggers.len(),
        MAX_TRIGGERS,
        "$.reviewTriggers",
    );
    for (i, form) in rules.forms.iter().enumerate() {
        if form.questions.len() > MAX_QUESTIONS {
            limit(
                form.questions.len(),
                MAX_QUESTIONS,
                &format!("$.forms[{i}].questions"),
            );
        }
    }
    if !problems.is_empty() {
        // Oversized input is refused before any per-entry work.
        return Err(problems);
    }

    let form_index = unique_ids(
        rules.forms.iter().map(|f| f.id.as_str()),
        |i| format!("$.forms[{i}].id"),
        &mut problems,
    );
    let treatment_index = unique_ids(
        rules.treatments.iter().map(|t| t.id.as_str()),
        |i| format!("$.treatments[{i}].id"),
        &mut problems,
    );
    let requirement_index = unique_ids(
        rules.requirements.iter().map(|r| r.id.as_str()),
        |i| format!("$.requirements[{i}].id"),
        &mut problems,
    );
    let trigger_index = unique_ids(
        rules.review_triggers.iter().map(|t| t.id.as_str()),
        |i| format!("$.reviewTriggers[{i}].id"),
        &mut problems,
    );
    let categories: HashSet<&str> = rules
        .treatments
        .iter()
        .flat_map(|t| t.categories.iter().map(String::as_str))
        .collect();
    let scope_names = ScopeNames {
        treatments: &treatment_index,
        categories: &categories,
        rules,
    };

    let forms = rules
        .forms
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let at = Entry::new("$.forms", i);
            if let Err(err) = FormVersion::parse(&def.version) {
                problems.push(err.under(&at.path(".version")));
            }
            unique_ids(
                def.questions.iter().map(|q| q.id.as_str()),
                |k| at.path(&format!(".questions[{k}].id")),
                &mut problems,
            );
            CompiledForm {
                required_questions: def
                    .questions
                    .iter()
                    .filter(|q| q.required)
                    .map(|q| q.id.as_str())
                    .collect(),
                trigger_questions: def
                    .questions
                    .iter()
                    .filter(|q| rules.review_triggers.iter().any(|t| t.question == q.id))
                    .map(|q| q.id.as_str())
                    .collect(),
            }
        })
        .collect::<Vec<_>>();

    let mut requirements = Vec::with_capacity(rules.requirements.len());
    let mut due_hours: Vec<u32> = Vec::new();
    for (i, def) in rules.requirements.iter().enumerate() {
        let at = Entry::new("$.requirements", i);
        let form = form_index.get(def.form.as_str()).copied();
        if form.is_none() {
            problems.push(CodedError::new(
                UNKNOWN_FORM,
                at.path(".form"),
                "no form in `forms` has this id",
            ));
        }
        let form_def = form.map(|f| &rules.forms[f]);
        let min_version = form_def.and_then(|f| check_min_version(def, f, at, &mut problems));
        check_validity(def.validity, at, &mut problems);
        let scope = def
            .applies_to
            .as_ref()
            .map(|scope| scope_names.resolve(scope, at, &mut problems));
        if let Some(when) = &def.when {
            if let (Some(min), Some(max)) = (when.min_age, when.max_age) {
                if min > max {
                    problems.push(CodedError::new(
                        OUT_OF_RANGE,
                        at.path(".when.minAge"),
                        "minAge is above maxAge, so no client could match",
                    ));
                }
            }
        }
        let is_exam = form_def.map(|f| f.kind == DocumentKind::GoodFaithExam);
        if is_exam.is_some_and(|is_exam| def.exam.is_some() != is_exam) {
            problems.push(CodedError::new(
                EXAM_POLICY_MISMATCH,
                at.path(".exam"),
                "a good-faith exam requirement needs an `exam` policy, and only it may have one",
            ));
        }
        if def.due_hours_before > MAX_DUE_HOURS {
            problems.push(CodedError::new(
                OUT_OF_RANGE,
                at.path(".dueHoursBefore"),
                format!("at most {MAX_DUE_HOURS} hours"),
            ));
        }
        let mut depends_on = Vec::with_capacity(def.depends_on.len());
        for (j, dep) in def.depends_on.iter().enumerate() {
            match requirement_index.get(dep.as_str()) {
                Some(&k) => depends_on.push(k),
                None => problems.push(CodedError::new(
                    UNKNOWN_REQUIREMENT,
                    at.path(&format!(".dependsOn[{j}]")),
                    "no requirement has this id",
                )),
            }
        }
        let due = match due_hours.iter().position(|&h| h == def.due_hours_before) {
            Some(known) => known,
            None => {
                due_hours.push(def.due_hours_before);
                due_hours.len() - 1
            }
        };
        if let Some(form) = form {
            requirements.push(CompiledRequirement {
                def,
                id: Arc::new(def.id.clone()),
                form_id: Arc::new(def.form.clone()),
                scope,
                form,
                kind: rules.forms[form].kind,
                min_version,
                depends_on,
                due,
            });
        }
    }

    let questions: HashSet<&str> = rules
        .forms
        .iter()
        .flat_map(|f| f.questions.iter().map(|q| q.id.as_str()))
        .collect();
    let mut trigger_scopes = Vec::with_capacity(rules.review_triggers.len());
    for (i, trigger) in rules.review_triggers.iter().enumerate() {
        let at = Entry::new("$.reviewTriggers", i);
        if !questions.contains(trigger.question.as_str()) {
            problems.push(CodedError::new(
                UNKNOWN_QUESTION,
                at.path(".question"),
                "no form asks a question with this id",
            ));
        }
        trigger_scopes.push(
            trigger
                .applies_to
                .as_ref()
                .map(|scope| scope_names.resolve(scope, at, &mut problems)),
        );
        if let AnswerTest::WithinMonths(0) = trigger.when {
            problems.push(CodedError::new(
                OUT_OF_RANGE,
                at.path(".when.withinMonths"),
                "withinMonths must be at least 1",
            ));
        }
    }
    if rules.review_days_before > MAX_REVIEW_DAYS_BEFORE {
        problems.push(CodedError::new(
            OUT_OF_RANGE,
            "$.reviewDaysBefore",
            format!("at most {MAX_REVIEW_DAYS_BEFORE} days"),
        ));
    }

    if problems.is_empty() && requirements.len() == rules.requirements.len() {
        if let Some(at) = find_cycle(&requirements) {
            problems.push(CodedError::new(
                DEPENDENCY_CYCLE,
                format!("$.requirements[{at}].dependsOn"),
                "dependsOn links lead back to this requirement",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Compiled {
        forms,
        form_index,
        treatment_index,
        requirements,
        due_hours,
        triggers: rules.review_triggers.iter().collect(),
        trigger_names: rules
            .review_triggers
            .iter()
            .map(|t| (Arc::new(t.id.clone()), Arc::new(t.question.clone())))
            .collect(),
        trigger_scopes,
        trigger_index,
        trigger_questions: rules
            .review_triggers
            .iter()
            .map(|t| t.question.as_str())
            .collect(),
        review_days_before: rules.review_days_before,
    })
}

/// An entry of one of the rule set's lists, whose paths are formatted only when a problem is
/// reported: compiling runs on every call, and eager paths were most of its allocations.
#[derive(Clone, Copy)]
struct Entry {
    list: &'static str,
    index: usize,
}

impl Entry {
    fn new(list: &'static str, index: usize) -> Self {
        Entry { list, index }
    }

    /// The path of `field` in this entry, such as `$.requirements[2].form`.
    fn path(self, field: &str) -> String {
        format!("{}[{}]{field}", self.list, self.index)
    }
}

struct ScopeNames<'a, 'r> {
    treatments: &'a HashMap<&'r str, usize>,
    categories: &'a HashSet<&'r str>,
    rules: &'r RuleSet,
}

impl ScopeNames<'_, '_> {
    /// Checks the names in `scope` (the `appliesTo` of entry `at`) and resolves it to the
    /// treatments it covers.
    fn resolve(&self, scope: &Scope, at: Entry, problems: &mut Vec<CodedError>) -> TreatmentSet {
        let mut bits = vec![0u64; self.rules.treatments.len().div_ceil(64)];
        let mut set = |t: usize| bits[t / 64] |= 1 << (t % 64);
        for (j, id) in scope.treatments.iter().enumerate() {
            match self.treatments.get(id.as_str()) {
                Some(&t) => set(t),
                None => problems.push(CodedError::new(
                    UNKNOWN_TREATMENT,
                    at.path(&format!(".appliesTo.treatments[{j}]")),
                    "no treatment in `treatments` has this id",
                )),
            }
        }
        for (j, category) in scope.categories.iter().enumerate() {
            if !self.categories.contains(category.as_str()) {
                problems.push(CodedError::new(
                    UNKNOWN_CATEGORY,
                    at.path(&format!(".appliesTo.categories[{j}]")),
                    "no treatment has this category",
                ));
            }
        }
        for (t, treatment) in self.rules.treatments.iter().enumerate() {
            if treatment
                .categories
                .iter()
                .any(|c| scope.categories.contains(c))
            {
                set(t);
            }
        }
        TreatmentSet(bits)
    }
}

/// Indexes `ids`, reporting each repeat at `id_path(i)`.
fn unique_ids<'r>(
    ids: impl Iterator<Item = &'r str>,
    id_path: impl Fn(usize) -> String,
    problems: &mut Vec<CodedError>,
) -> HashMap<&'r str, usize> {
    let mut index = HashMap::default();
    for (i, id) in ids.enumerate() {
        if index.insert(id, i).is_some() {
            problems.push(CodedError::new(
                DUPLICATE_ID,
                id_path(i),
                "an earlier entry has the same id",
            ));
        }
    }
    index
}

fn check_min_version(
    def: &Requirement,
    form: &FormDefinition,
    at: Entry,
    problems: &mut Vec<CodedError>,
) -> Option<FormVersion> {
    let text = def.min_version.as_deref()?;
    let min = match FormVersion::parse(text) {
        Ok(min) => min,
        Err(err) => {
            problems.push(err.under(&at.path(".minVersion")));
            return None;
        }
    };
    if let Ok(current) = FormVersion::parse(&form.version) {
        if min > current {
            problems.push(CodedError::new(
                VERSION_NOT_PUBLISHED,
                at.path(".minVersion"),
                "minVersion is above the form's current version",
            ));
        }
    }
    Some(min)
}

fn check_validity(validity: Validity, at: Entry, problems: &mut Vec<CodedError>) {
    let (field, value, max) = match validity {
        Validity::EveryNDays { days } => ("days", days, MAX_VALIDITY_DAYS),
        Validity::EveryNMonths { months } => ("months", months, MAX_VALIDITY_MONTHS),
        _ => return,
    };
    if value == 0 || value > max {
        problems.push(CodedError::new(
            OUT_OF_RANGE,
            at.path(&format!(".validity.{field}")),
            format!("must be between 1 and {max}"),
        ));
    }
}

/// The index of a requirement on a `dependsOn` cycle, if there is one (iterative DFS, so a
/// long chain cannot overflow the stack).
fn find_cycle(requirements: &[CompiledRequirement<'_>]) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; requirements.len()];
    for root in 0..requirements.len() {
        if marks[root] != Mark::New {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        marks[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = requirements[node].depends_on.get(*next) {
                *next += 1;
                match marks[dep] {
                    Mark::Open => return Some(dep),
                    Mark::New => {
                        marks[dep] = Mark::Open;
                        stack.push((dep, 0));
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}
