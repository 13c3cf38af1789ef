/**
 * The review page's one script, pinned by its hash in the page's Content-Security-Policy: it posts
 * a rule's decision to the server and shows the answer. It writes text only (textContent), never
 * markup, so nothing a student wrote can become a script.
 */
export const REVIEW_SCRIPT = `(() => {
  const reviewer = document.getElementById('reviewer');
  const show = (element, text, className) => { element.textContent = text; element.className = className; };
  for (const form of document.querySelectorAll('form.rule')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = form.querySelector('[data-result]');
      const status = form.querySelector('input[name=status]:checked');
      if (!status) return show(result, 'choose a decision first', 'failed');
      const decision = { student: form.dataset.student, task: form.dataset.task, rule: form.dataset.rule, status: status.value, note: form.elements.note.value, reviewer: reviewer.value };
      show(result, 'saving...', 'muted');
      try {
        const response = await fetch('/decisions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(decision) });
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error || response.statusText);
        show(form.querySelector('[data-state]'), answer.state, 'decided');
        const score = document.getElementById(form.dataset.score);
        if (score) score.textContent = answer.score;
        show(result, 'saved', 'saved');
      } catch (error) {
        show(result, 'not saved: ' + error.message, 'failed');
      }
    });
  }
})();`;
