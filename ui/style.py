"""CSS and the small script of the chat page (style injection, citation links that scroll the article)."""

from __future__ import annotations

import json

CSS = """
.hd-header h1 { font-size: 1.6rem; margin: 0 0 .2rem 0; }
.hd-header p { margin: 0; color: var(--body-text-color-subdued); }
.hd-q { white-space: pre-wrap; }
.hd-reply p { margin: .25rem 0; }
.hd-text { line-height: 1.55; }
.hd-direct { font-size: 1.35rem; font-weight: 700; color: #0b5394; }
.hd-abstain { font-weight: 700; color: #9a3412; }
.hd-hint { font-size: .9rem; color: var(--body-text-color-subdued); }
.hd-notice { color: #9a3412; }
a.cite-link { font-weight: 600; text-decoration: none; color: #0b5394; cursor: pointer; }
a.cite-link:hover { text-decoration: underline; }
table.hd-figures { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; width: auto; line-height: 1.35; }
table.hd-figures td:nth-child(-n+3) { white-space: nowrap; }
table.hd-figures caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
table.hd-figures th, table.hd-figures td { border: 1px solid var(--border-color-primary); padding: .15rem .45rem;
  text-align: left; }
table.hd-figures th { white-space: nowrap; background: var(--background-fill-secondary); font-weight: 600; }
.hd-passage blockquote { margin: 0; padding: .35rem .7rem; border-left: 4px solid #f1c232;
  background: rgba(255, 229, 100, .18); }
.hd-passage.hd-related blockquote { border-left: 4px dashed #999; background: transparent; }
.hd-meta { font-size: .85rem; color: var(--body-text-color-subdued); margin: .3rem 0 0 0; }
.hd-panel { max-height: 78vh; overflow-y: auto; position: relative; padding: .2rem 1rem .5rem .6rem;
  border: 1px solid var(--border-color-primary); border-radius: 8px; background: var(--background-fill-primary);
  line-height: 1.6; }
.hd-article { margin-bottom: 1.5rem; }
.hd-kicker { text-transform: uppercase; letter-spacing: .04em; font-size: .8rem; color: #b45309; margin: .6rem 0 0 0; }
.hd-title { font-size: 1.35rem; line-height: 1.35; margin: .3rem 0; }
.hd-byline { font-size: .88rem; color: var(--body-text-color-subdued); margin: 0 0 .8rem 0; }
.hd-article h3 { font-size: 1.08rem; margin: 1rem 0 .3rem 0; }
.hd-caption { font-style: italic; font-size: .9rem; color: var(--body-text-color-subdued); }
mark.hd-cite { background: #ffe564; color: inherit; padding: 0 .1rem; border-radius: 3px; }
mark.hd-cite-minor { background: rgba(255, 229, 100, .35); }
table.hd-figures tr.hd-main td { font-weight: 600; }
mark.hd-cite[id]::before { content: "[" attr(data-marker) "] "; font-weight: 700; color: #0b5394; }
.hd-related-mark { border-bottom: 2px dashed #888; background: rgba(150, 150, 150, .08); }
.hd-related-mark[id]::before { content: "(liên quan " attr(data-marker) ") "; font-size: .8rem; color: #666; }
.hd-flash { outline: 3px solid #0b5394; outline-offset: 2px; transition: outline-color 1.2s; }
.hd-legend { font-size: .85rem; color: var(--body-text-color-subdued); margin: .4rem 0; }
#hd-examples button { font-weight: 400; }
"""

_JS_TEMPLATE = """
if (!document.getElementById('hoidap-style')) {
  const style = document.createElement('style');
  style.id = 'hoidap-style';
  style.textContent = __CSS__;
  document.head.appendChild(style);
}
function hoidapScrollTo(id) {
  const target = document.getElementById(id);
  if (!target) return false;
  const panel = target.closest('.hd-panel');
  if (panel) {
    const top = target.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop - 48;
    panel.scrollTo({top: Math.max(0, top), behavior: 'smooth'});
  } else {
    target.scrollIntoView({block: 'center', behavior: 'smooth'});
  }
  target.classList.add('hd-flash');
  setTimeout(() => target.classList.remove('hd-flash'), 1500);
  return true;
}
if (!window.__hoidapClicks) {
  window.__hoidapClicks = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.cite-link') : null;
    if (!link) return;
    const href = link.getAttribute('href') || '';
    if (!href.startsWith('#')) return;
    event.preventDefault();
    event.stopPropagation();
    hoidapScrollTo(href.slice(1));
  }, true);
}
function hoidapShowLatestQuestion() {
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
watch('value', () => {
  const marks = Array.from(element.querySelectorAll('mark.hd-cite[id]:not(.hd-cite-minor), .hd-related-mark[id]'));
  marks.sort((a, b) => Number(a.dataset.marker) - Number(b.dataset.marker));
  if (marks.length) setTimeout(() => hoidapScrollTo(marks[0].id), 50);
  setTimeout(hoidapShowLatestQuestion, 400);
});
"""

JS_ON_LOAD = _JS_TEMPLATE.replace("__CSS__", json.dumps(CSS))
