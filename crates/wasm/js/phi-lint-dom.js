// attachPhiLint: a drop-in for any app's own message box. It lints as the user types, underlines
// each finding through a mirror layer behind the textarea, announces the verdict to screen
// readers, and offers a one-click redaction. Styles are set through the CSSOM only, so it works
// under a CSP without 'unsafe-inline'; colours come from CSS custom properties a host can theme.

const MIRRORED = ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'paddingTop', 'paddingRight',
  'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'textIndent', 'tabSize'];

const VERDICT_TEXT = { allow: 'OK to send', warn: 'Check before sending', block: 'Do not send: contains protected health information' };
const ESCALATION_TEXT = { clinical: 'Needs a licensed clinician', urgent: 'URGENT: route to a licensed clinician now' };

/** Binds the DOM helper to a package's `lint` function. */
export function createAttach(lint) {
  return function attachPhiLint(textarea, options = {}) {
    const doc = textarea.ownerDocument;
    const wrapper = doc.createElement('div');
    wrapper.className = 'medspa-phi-lint';
    wrapper.style.position = 'relative';
    const mirror = doc.createElement('div');
    mirror.className = 'medspa-phi-lint-mirror';
    mirror.setAttribute('aria-hidden', 'true');
    const status = doc.createElement('div');
    status.className = 'medspa-phi-lint-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const redact = doc.createElement('button');
    redact.type = 'button';
    redact.className = 'medspa-phi-lint-redact';
    redact.textContent = 'Redact';
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.append(mirror, textarea, status, redact);

    const computed = doc.defaultView.getComputedStyle(textarea);
    for (const property of MIRRORED) mirror.style[property] = computed[property];
    Object.assign(mirror.style, {
      position: 'absolute', left: '0', top: '0', width: `${textarea.offsetWidth}px`, height: `${textarea.offsetHeight}px`,
      overflow: 'hidden', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', color: 'transparent',
      borderStyle: 'solid', borderColor: 'transparent', boxSizing: computed.boxSizing, pointerEvents: 'none',
    });
    textarea.style.position = 'relative';
    textarea.style.background = 'transparent';

    let report = null;
    let scheduled = 0;
    const underline = (diagnostic) => {
      const mark = doc.createElement('mark');
      mark.dataset.kind = diagnostic.kind;
      mark.dataset.ruleId = diagnostic.ruleId;
      mark.title = diagnostic.message;
      const colour = diagnostic.severity === 'error' ? 'var(--medspa-phi-lint-error, #c62828)' : 'var(--medspa-phi-lint-warning, #b26a00)';
      Object.assign(mark.style, { background: 'transparent', color: 'transparent', borderBottom: `2px solid ${colour}` });
      return mark;
    };

    function render() {
      const text = textarea.value;
      const parts = [];
      let at = 0;
      const spans = report.diagnostics.filter((d) => d.span.end > d.span.start).sort((a, b) => a.span.start - b.span.start);
      for (const diagnostic of spans) {
        if (diagnostic.span.start < at) continue; // overlapping findings: the first one is drawn
        parts.push(doc.createTextNode(text.slice(at, diagnostic.span.start)));
        const mark = underline(diagnostic);
        mark.textContent = text.slice(diagnostic.span.start, diagnostic.span.end);
        parts.push(mark);
        at = diagnostic.span.end;
      }
      parts.push(doc.createTextNode(`${text.slice(at)}\n`));
      mirror.replaceChildren(...parts);
      mirror.scrollTop = textarea.scrollTop;
      const escalation = ESCALATION_TEXT[report.escalate];
      const count = report.diagnostics.length;
      status.textContent = `${VERDICT_TEXT[report.verdict]}${escalation ? ` · ${escalation}` : ''} · ${count} finding${count === 1 ? '' : 's'}`;
      wrapper.dataset.verdict = report.verdict;
      wrapper.dataset.escalate = report.escalate;
      redact.disabled = report.redacted === text;
    }

    function update() {
      scheduled = 0;
      try {
        report = lint(textarea.value, options);
      } catch (error) {
        status.textContent = `Cannot check this message: ${error.code ?? 'ERROR'}`;
        return null;
      }
      render();
      textarea.dispatchEvent(new CustomEvent('medspa:phi-lint', { detail: report }));
      return report;
    }

    const schedule = () => {
      if (!scheduled) scheduled = (doc.defaultView.requestAnimationFrame ?? setTimeout)(update);
    };
    const syncScroll = () => {
      mirror.scrollTop = textarea.scrollTop;
    };
    const applyRedaction = () => {
      if (!report) return;
      textarea.value = report.redacted;
      update();
    };
    textarea.addEventListener('input', schedule);
    textarea.addEventListener('scroll', syncScroll);
    redact.addEventListener('click', applyRedaction);
    update();

    return {
      update,
      get report() {
        return report;
      },
      setOptions(next) {
        options = next;
        return update();
      },
      detach() {
        textarea.removeEventListener('input', schedule);
        textarea.removeEventListener('scroll', syncScroll);
        redact.removeEventListener('click', applyRedaction);
        wrapper.replaceWith(textarea);
      },
    };
  };
}
