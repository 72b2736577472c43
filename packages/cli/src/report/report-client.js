// The script of report.html. Without it every section shows in order and every link is a plain anchor.
// With it: tabs (WAI-ARIA: click, arrow keys, Home, End) show one view at a time, the view lives in the URL
// hash (#overview, #step-7, #step-7-cost, #step-7-flow-ingress, #designs), a link into a step opens its tab and what it
// points at, and each diagram pans (drag, scroll, arrow keys) and zooms (buttons, + and -, Ctrl + wheel).
(() => {
  const tabs = [...document.querySelectorAll('[role="tab"][data-panel]')];
  const panels = [...document.querySelectorAll('[role="tabpanel"][data-panel]')];
  if (tabs.length === 0) return;
  for (const nav of document.querySelectorAll('nav.report-nav')) nav.hidden = false;

  const panelOf = (id) => panels.find((panel) => panel.dataset.panel === id);

  /** The panel a hash belongs to: #step-7 and everything in it (#step-7-cost), #designs (#designs-cost), or #overview. */
  function panelIdOf(hash) {
    const panel = panels.find(
      ({ dataset }) => hash === `#${dataset.panel}` || hash.startsWith(`#${dataset.panel}-`),
    );
    return panel ? panel.dataset.panel : 'overview';
  }

  function select(panelId, { focusTab = false, updateHash = true } = {}) {
    const tab = tabs.find((candidate) => candidate.dataset.panel === panelId) ?? tabs[0];
    for (const candidate of tabs) {
      const selected = candidate === tab;
      candidate.setAttribute('aria-selected', String(selected));
      candidate.tabIndex = selected ? 0 : -1;
    }
    for (const panel of panels) panel.hidden = panel.dataset.panel !== tab.dataset.panel;
    if (focusTab) tab.focus();
    if (updateHash) history.replaceState(null, '', `#${tab.dataset.panel}`);
  }

  /** Shows what a hash points at: its tab, the closed details around it, the flow's lines; then moves there. */
  function show(hash, { moveFocus }) {
    const panelId = panelIdOf(hash);
    select(panelId, { updateHash: false });
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target === null) return;
    for (let node = target.parentElement; node !== null; node = node.parentElement) {
      if (node.tagName === 'DETAILS') node.open = true;
    }
    const flow = target.closest('details.flow');
    if (flow) highlightFlow(panelOf(panelId), flow.dataset.flow);
    const focusable = flow ? flow.querySelector('summary') : target;
    target.scrollIntoView({ block: 'start' });
    if (moveFocus && focusable) {
      if (!focusable.matches('summary, a, button, [tabindex]')) focusable.tabIndex = -1;
      focusable.focus({ preventScroll: true });
    }
  }

  const keys = {
    ArrowRight: (index) => (index + 1) % tabs.length,
    ArrowLeft: (index) => (index - 1 + tabs.length) % tabs.length,
    Home: () => 0,
    End: () => tabs.length - 1,
  };
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => {
      select(tab.dataset.panel);
      window.scrollTo({ top: 0 });
    });
    tab.addEventListener('keydown', (event) => {
      const next = keys[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[next(index)].dataset.panel, { focusTab: true });
    });
  }
  window.addEventListener('hashchange', () => show(location.hash, { moveFocus: true }));

  // A flow's lines stand out while its hops are open; the others fade.
  function highlightFlow(panel, key) {
    const svg = panel?.querySelector('.diagram-viewport svg');
    if (!svg) return;
    const open = [...panel.querySelectorAll('details.flow[open]')].map((details) => details.dataset.flow);
    const keys = key === undefined ? open : [...new Set([key, ...open])];
    svg.classList.toggle('has-selection', keys.length > 0);
    for (const edge of svg.querySelectorAll('.edge.flow')) {
      edge.classList.toggle(
        'selected',
        keys.some((flowKey) => edge.classList.contains(`flow-${flowKey}`)),
      );
    }
  }
  for (const details of document.querySelectorAll('details.flow')) {
    details.addEventListener('toggle', () => highlightFlow(details.closest('[role="tabpanel"]')));
  }

  // Pan and zoom. The drawing starts at its own size, where its smallest labels (9 pt) are 12 px.
  const pxPerPt = 4 / 3;
  const steps = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3];
  for (const figure of document.querySelectorAll('figure.diagram')) {
    const viewport = figure.querySelector('.diagram-viewport');
    const svg = viewport?.querySelector('svg');
    const tools = figure.querySelector('.diagram-tools');
    if (!viewport || !svg || !tools || !svg.viewBox.baseVal) continue;
    const { width, height } = svg.viewBox.baseVal;
    const level = tools.querySelector('.zoom-level');
    let zoom = 1;

    function apply(next, anchor) {
      const rect = viewport.getBoundingClientRect();
      const at = anchor ?? { x: rect.width / 2, y: rect.height / 2 };
      const ratio = next / zoom;
      const left = (viewport.scrollLeft + at.x) * ratio - at.x;
      const top = (viewport.scrollTop + at.y) * ratio - at.y;
      zoom = next;
      svg.setAttribute('width', String(width * pxPerPt * zoom));
      svg.setAttribute('height', String(height * pxPerPt * zoom));
      viewport.scrollLeft = left;
      viewport.scrollTop = top;
      if (level) level.textContent = `${Math.round(zoom * 100)}%`;
    }
    const fit = () =>
      Math.min(
        1,
        (viewport.clientWidth - 2) / (width * pxPerPt),
        (window.innerHeight * 0.8) / (height * pxPerPt),
      );
    const stepFrom = (direction) =>
      direction > 0
        ? (steps.find((candidate) => candidate > zoom + 0.001) ?? steps.at(-1))
        : (steps.findLast((candidate) => candidate < zoom - 0.001) ?? steps[0]);
    const actions = {
      in: () => apply(stepFrom(1)),
      out: () => apply(stepFrom(-1)),
      fit: () => apply(fit()),
      actual: () => apply(1),
    };

    tools.hidden = false;
    apply(1);
    tools.addEventListener('click', (event) => {
      const action = event.target.closest('[data-zoom]')?.dataset.zoom;
      if (action) actions[action]();
    });
    viewport.addEventListener('keydown', (event) => {
      const action = { '+': 'in', '=': 'in', '-': 'out', 0: 'actual', f: 'fit', F: 'fit' }[event.key];
      if (action === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      actions[action]();
    });
    viewport.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        const rect = viewport.getBoundingClientRect();
        const next = Math.min(3, Math.max(0.25, zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1)));
        apply(next, { x: event.clientX - rect.left, y: event.clientY - rect.top });
      },
      { passive: false },
    );

    // Dragging with a mouse pans; touch scrolls the viewport natively. A click on a line still follows it,
    // but the click that ends a drag does not.
    let drag = null;
    let dragged = false;
    viewport.addEventListener('pointerdown', (event) => {
      dragged = false;
      if (event.pointerType !== 'mouse' || event.button !== 0) return;
      drag = {
        x: event.clientX,
        y: event.clientY,
        left: viewport.scrollLeft,
        top: viewport.scrollTop,
        moved: false,
      };
    });
    viewport.addEventListener(
      'click',
      (event) => {
        if (dragged) event.preventDefault();
      },
      { capture: true },
    );
    viewport.addEventListener('pointermove', (event) => {
      if (drag === null) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) viewport.setPointerCapture(event.pointerId);
      drag.moved = true;
      viewport.classList.add('dragging');
      viewport.scrollLeft = drag.left - dx;
      viewport.scrollTop = drag.top - dy;
    });
    const end = (event) => {
      if (drag?.moved) {
        viewport.releasePointerCapture(event.pointerId);
        dragged = true;
      }
      drag = null;
      viewport.classList.remove('dragging');
    };
    viewport.addEventListener('pointerup', end);
    viewport.addEventListener('pointercancel', end);
  }

  show(location.hash, { moveFocus: false });
})();
