// The step selector of report.html (WAI-ARIA tabs): click or arrow keys switch steps; the chosen step
// lives in the URL hash (#step-7) so a link opens it. Without this script every step shows in order.
(() => {
  const tabs = [...document.querySelectorAll('[role="tab"][data-step]')];
  const panels = [...document.querySelectorAll('[role="tabpanel"][data-step]')];
  if (tabs.length === 0) return;

  function select(stepId, { focus = false, updateHash = true } = {}) {
    const tab = tabs.find((candidate) => candidate.dataset.step === stepId) ?? tabs[0];
    for (const candidate of tabs) {
      const selected = candidate === tab;
      candidate.setAttribute('aria-selected', String(selected));
      candidate.tabIndex = selected ? 0 : -1;
    }
    for (const panel of panels) panel.hidden = panel.dataset.step !== tab.dataset.step;
    if (focus) tab.focus();
    if (updateHash) history.replaceState(null, '', `#step-${tab.dataset.step}`);
  }

  const keys = {
    ArrowRight: (index) => (index + 1) % tabs.length,
    ArrowLeft: (index) => (index - 1 + tabs.length) % tabs.length,
    Home: () => 0,
    End: () => tabs.length - 1,
  };
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab.dataset.step));
    tab.addEventListener('keydown', (event) => {
      const next = keys[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[next(index)].dataset.step, { focus: true });
    });
  }
  const fromHash = () => /^#step-(\d+)$/.exec(location.hash)?.[1];
  window.addEventListener('hashchange', () => select(fromHash(), { updateHash: false }));
  select(fromHash(), { updateHash: false });
})();
