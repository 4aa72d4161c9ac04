import DOMPurify from 'dompurify';
import { marked } from 'marked';

async function loadComments(postId) {
  const res = await fetch(`/api/posts/${postId}/comments`);
  const comments = await res.json();
  const list = document.getElementById('comments');
  list.innerHTML = '';
  for (const c of comments) {
    // ruleid: js-inner-html-from-variable
    list.innerHTML += `<li class="comment"><strong>${c.author}</strong>: ${c.body}</li>`;
  }
}

async function loadCommentsSafe(postId) {
  const res = await fetch(`/api/posts/${postId}/comments`);
  const comments = await res.json();
  const list = document.getElementById('comments');
  // ok: js-inner-html-from-variable
  list.innerHTML = '';
  for (const c of comments) {
    const li = document.createElement('li');
    // ok: js-inner-html-from-variable
    li.textContent = `${c.author}: ${c.body}`;
    list.appendChild(li);
  }
}

function showSearchTerm() {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q');
  // ruleid: js-inner-html-from-variable
  document.getElementById('results-title').innerHTML = 'Results for ' + q;
}

function renderAssistantMessage(container, message) {
  const html = marked.parse(message.content);
  // ruleid: js-inner-html-from-variable
  container.insertAdjacentHTML('beforeend', `<div class="msg assistant">${html}</div>`);
}

function renderAssistantMessageSafe(container, message) {
  const div = document.createElement('div');
  div.className = 'msg assistant';
  // ok: js-inner-html-from-variable
  div.innerHTML = DOMPurify.sanitize(marked.parse(message.content));
  container.appendChild(div);
}

function showBanner(user) {
  // ruleid: js-inner-html-from-variable
  document.write('<div class="banner">Welcome back, ' + user.name + '</div>');
}

function setLoading(el) {
  // ok: js-inner-html-from-variable
  el.innerHTML = '<span class="spinner"></span> Loading…';
  // ok: js-inner-html-from-variable
  el.innerHTML = `<span class="spinner"></span>`;
}

function renderPreview(el, markdown) {
  const clean = DOMPurify.sanitize(marked.parse(markdown));
  // ok: js-inner-html-from-variable
  el.innerHTML = clean;
}

function replaceCard(card, profile) {
  // markup computed elsewhere: the audit rule js-inner-html-from-dynamic-value
  // ok: js-inner-html-from-variable
  card.outerHTML = profile.cardHtml;
}

function renderSummary(el, order) {
  const html = '<h3>Order ' + order.id + '</h3><p>' + order.note + '</p>';
  // ruleid: js-inner-html-from-variable
  el.innerHTML = html;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function renderCart(cart, list) {
  for (const item of cart.items) {
    // ok: js-inner-html-from-variable
    list.innerHTML += `<li data-id="${item.id}">${escapeHtml(item.name)} × ${item.quantity.toFixed(0)}</li>`;
  }
  const summary = `<p>${cart.items.length} items, ${escapeHtml(cart.couponCode)}</p>`;
  // ok: js-inner-html-from-variable
  list.insertAdjacentHTML('beforeend', summary);
}

function renderCartNote(cart, list) {
  // the note is whatever the shopper typed
  // ruleid: js-inner-html-from-variable
  list.innerHTML = `<li data-id="${cart.id}">${escapeHtml(cart.title)}: ${cart.note}</li>`;
}

function renderSearch(params, out) {
  let label = escapeHtml(params.get('q'));
  if (params.has('raw')) {
    label = params.get('q');
  }
  // ruleid: js-inner-html-from-variable
  out.innerHTML = '<h2>Results for ' + label + '</h2>';
}
