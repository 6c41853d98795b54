"""The look of the chat page: its theme (one typeface), CSS for desktop and phone, and the page's small scripts."""

from __future__ import annotations

import gradio as gr

from ui.typeface import STACK, font_face_css

CSS_RULES = """
.hd-header h1 { font-size: 1.6rem; margin: 0 0 .2rem 0; }
.hd-header p { margin: 0; color: var(--body-text-color-subdued); }
.hd-q { white-space: pre-wrap; }
.hd-reply p { margin: .25rem 0; }
.hd-text { line-height: 1.55; }
.hd-direct { font-size: 1.35rem; font-weight: 700; color: #0b5394; }
.hd-direct, .hd-value, table.hd-figures td { overflow-wrap: normal !important; word-break: normal !important; }
.hd-quote { margin: .35rem 0; padding: .3rem .7rem; border-left: 4px solid #f1c232;
  background: rgba(255, 229, 100, .18); line-height: 1.55; }
.hd-abstain { font-weight: 700; color: #9a3412; }
.hd-hint, .hd-context { font-size: .9rem; color: var(--body-text-color-subdued); }
.hd-notice { color: #9a3412; }
a.cite-link { font-weight: 600; text-decoration: none; color: #0b5394; cursor: pointer; }
a.cite-link:hover { text-decoration: underline; }
.hd-table-box { max-width: 100%; overflow-x: auto; }
table.hd-figures { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; line-height: 1.35; }
table.hd-figures caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
table.hd-figures th, table.hd-figures td { border: 1px solid var(--border-color-primary); padding: .15rem .45rem;
  text-align: left; vertical-align: top; }
table.hd-figures th { background: var(--background-fill-secondary); font-weight: 600; }
table.hd-figures td:first-child { white-space: nowrap; }
table.hd-figures tr.hd-main td { font-weight: 700; }
.hd-value { display: block; font-weight: 400; font-size: .8rem; color: var(--body-text-color-subdued); }
.hd-passage blockquote { margin: 0; padding: .35rem .7rem; border-left: 4px solid #f1c232;
  background: rgba(255, 229, 100, .12); }
.hd-passage + .hd-passage { margin-top: .6rem; }
.hd-meta { font-size: .85rem; color: var(--body-text-color-subdued); margin: .3rem 0 0 0; }
.hd-panel { max-height: 78vh; overflow-y: auto; position: relative; padding: .2rem 1rem .5rem .6rem;
  border: 1px solid var(--border-color-primary); border-radius: 8px; background: var(--background-fill-primary);
  line-height: 1.6; }
.hd-article { margin-bottom: 1.5rem; }
.hd-kicker { text-transform: uppercase; letter-spacing: .04em; font-size: .8rem; color: #b45309; margin: .6rem 0 0 0; }
.hd-title { font-size: 1.35rem; line-height: 1.35; margin: .3rem 0; font-weight: 700; }
.hd-byline { font-size: .88rem; color: var(--body-text-color-subdued); margin: 0 0 .8rem 0; }
.hd-article h3 { font-size: 1.08rem; margin: 1rem 0 .3rem 0; font-weight: 700; }
.hd-caption { font-style: italic; font-size: .9rem; color: var(--body-text-color-subdued); }
mark.hd-cite { background: #ffe564; color: inherit; padding: 0 .1rem; border-radius: 3px; }
mark.hd-cite[id]::before { content: "[" attr(data-marker) "] "; font-weight: 700; color: #0b5394; }
.hd-related-mark { border-bottom: 2px dashed #888; }
.hd-related-mark[id]::before { content: "(liên quan " attr(data-marker) ") "; font-size: .8rem; color: #666; }
.hd-flash { outline: 3px solid #0b5394; outline-offset: 2px; transition: outline-color 1.2s; }
.hd-legend { font-size: .85rem; color: var(--body-text-color-subdued); margin: .4rem 0; }
.hd-status p { margin: .2rem 0; }
.hd-upload-label p { margin: 0; font-size: .9rem; }
#hd-examples button { font-weight: 400; white-space: normal; text-align: left; }
@media (max-width: 720px) {
  .hd-header h1 { font-size: 1.3rem; }
  .hd-direct { font-size: 1.2rem; }
  .hd-panel { max-height: 70vh; padding: .2rem .6rem .5rem .5rem; }
  table.hd-figures { width: 100%; }
  table.hd-figures td:first-child { white-space: normal; }
  #hd-chat { height: 70vh !important; }
  #hd-chat .scroll-down-button-container { bottom: .3rem; right: .3rem; left: auto; }
}
"""

CSS = font_face_css() + CSS_RULES

# On page load: Gradio's own strings in Vietnamese unless the browser's first language is English. Gradio ships
# no Vietnamese, so it would pick English; its locale store is switched once our translations are registered.
ON_LOAD_JS = """
async () => {
  const first = ((navigator.languages && navigator.languages[0]) || navigator.language || 'vi').toLowerCase();
  if (first.startsWith('en')) return;
  const core = performance.getEntriesByType('resource').map((e) => e.name)
    .find((name) => /\\/assets\\/core-[^/]*\\.js$/.test(name));
  if (!core) return;
  try { (await import(core)).changeLocale('vi'); } catch (err) { console.warn('hoidap: locale', err); }
}
"""

# Runs with the article panel (gr.HTML js_on_load): citation links scroll the article to the passage, on a phone
# too (the page scrolls to the panel), and a new answer scrolls the panel to its supporting passage.
# Anchors name their answer (cite-{turn}-{marker}, ui.anchors), and the panel holds one answer's passages: a tap on
# a link whose anchor the panel does not hold (an older answer, another article) asks the server for that answer's
# panel (a "click" event of the panel with the anchor and the passage the link names) and scrolls once it is shown.
# A reader's tap wins over the page's own scrolling: a new answer schedules two scrolls (the panel to its passage
# after 50 ms, the chat to the latest question after 300 ms); a tap on [N] in between used to be undone by them
# (on a phone the second one scrolled the page back up to the chat), so they are dropped once the reader has
# tapped, and a tap that came while the answer was arriving is applied again to the re-rendered panel.
PANEL_JS = """
function hoidapScrollTo(id, intoView) {
  const target = document.getElementById(id);
  if (!target) return false;
  const panel = target.closest('.hd-panel');
  if (intoView || !panel) {
    target.scrollIntoView({block: 'center', behavior: 'instant'});
  } else {
    const top = target.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop - 48;
    panel.scrollTo({top: Math.max(0, top), behavior: 'instant'});
  }
  target.classList.add('hd-flash');
  setTimeout(() => target.classList.remove('hd-flash'), 1500);
  return true;
}
window.hoidapScrollTo = hoidapScrollTo;
window.__hoidapTrigger = trigger;
if (!window.__hoidapClicks) {
  window.__hoidapClicks = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.cite-link') : null;
    if (!link) return;
    const href = link.getAttribute('href') || '';
    if (!href.startsWith('#')) return;
    event.preventDefault();
    event.stopPropagation();
    const tap = {id: href.slice(1), at: performance.now(), asked: false};
    window.__hoidapTap = tap;
    if (hoidapScrollTo(tap.id, true)) return;
    tap.asked = true;  // the panel shows another answer: this answer's panel is asked for, scrolled to when shown
    const d = link.dataset;
    window.__hoidapTrigger('click', {anchor: tap.id, doc: d.doc || '', start: Number(d.start), end: Number(d.end)});
  }, true);
}
const HOIDAP_TAP_BEFORE_RENDER_MS = 1000;  // a tap this soon before the panel re-rendered was on the new answer
const HOIDAP_TAP_ANSWERED_MS = 30000;  // a panel asked for by a tap and shown this soon after it is that tap's
function hoidapShowLatestQuestion() {
  const chat = document.getElementById('hd-chat');
  if (chat) {  // asked from below the chat (a suggested question, on a phone): bring the chat back into view
    const box = chat.getBoundingClientRect();
    if (box.top < 0 || box.top > innerHeight * 0.6) chat.scrollIntoView({block: 'start', behavior: 'instant'});
  }
  const questions = document.querySelectorAll('#hd-chat .hd-q');
  const last = questions[questions.length - 1];
  if (!last) return;
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
    box = box.parentElement;
  }
  if (!box || box === document.body || box === document.documentElement) return;
  const top = last.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
  box.scrollTo({top: Math.max(0, top), behavior: 'smooth'});
}
window.hoidapShowLatestQuestion = hoidapShowLatestQuestion;
watch('value', () => {
  const rendered = performance.now();
  const tap = window.__hoidapTap;
  const tapped = tap && rendered - tap.at < (tap.asked ? HOIDAP_TAP_ANSWERED_MS : HOIDAP_TAP_BEFORE_RENDER_MS);
  if (tapped && element.querySelector('[id="' + tap.id + '"]')) {  // the panel a tap asked for, or a new one under it
    requestAnimationFrame(() => hoidapScrollTo(tap.id, true));
    return;
  }
  const unlessTapped = (scroll) => () => { if (!(window.__hoidapTap && window.__hoidapTap.at >= rendered)) scroll(); };
  const marks = Array.from(element.querySelectorAll('mark.hd-cite[id], .hd-related-mark[id]'));
  marks.sort((a, b) => Number(a.dataset.marker) - Number(b.dataset.marker));
  const panel = element.querySelector('.hd-panel');
  if (marks.length) setTimeout(unlessTapped(() => hoidapScrollTo(marks[0].id, false)), 50);
  else if (panel) panel.scrollTop = 0;
  setTimeout(unlessTapped(hoidapShowLatestQuestion), 300);
});
"""

# After a question: when the chat ends with a refusal (a notice, the panel unchanged so its watch does not run),
# the chat is scrolled to the refused question so that the reason under it is read.
SHOW_REFUSAL_JS = """
() => setTimeout(() => {
  const last = (sel) => { const all = document.querySelectorAll(sel); return all[all.length - 1]; };
  const notice = last('#hd-chat .hd-notice'), reply = last('#hd-chat .hd-reply');
  const latest = notice && (!reply || (reply.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING));
  if (latest && window.hoidapShowLatestQuestion) window.hoidapShowLatestQuestion();
}, 300)
"""

# "Xóa chat": the article panel goes back to its top.
RESET_PANEL_JS = "() => { document.querySelectorAll('.hd-panel').forEach((p) => { p.scrollTop = 0; }); }"


def theme() -> gr.themes.Base:
    """Gradio's default theme with the shipped typeface for all text (no web font is fetched). Fonts are
    gr.themes.Font objects, not strings: Gradio compares themes font by font."""
    return gr.themes.Default(font=[gr.themes.Font(name) for name in STACK],
                             font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("monospace")])
