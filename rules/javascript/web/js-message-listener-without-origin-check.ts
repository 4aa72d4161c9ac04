import { setAuthToken } from './auth';

// "Receive the token from the SSO popup"
// ruleid: js-message-listener-without-origin-check
window.addEventListener('message', (event) => {
  if (event.data?.type === 'sso-token') {
    setAuthToken(event.data.token);
  }
});

// ruleid: js-message-listener-without-origin-check
window.onmessage = function (e) {
  document.getElementById('preview')!.innerHTML = e.data.html;
};

// ruleid: js-message-listener-without-origin-check
window.addEventListener('message', async (evt) => {
  const { action, url } = evt.data;
  if (action === 'navigate') window.location.href = url;
});

const SSO_ORIGIN = 'https://sso.example.com';

// ok: js-message-listener-without-origin-check
window.addEventListener('message', (event) => {
  if (event.origin !== SSO_ORIGIN) return;
  setAuthToken(event.data.token);
});

const worker = new Worker(new URL('./worker.ts', import.meta.url));
// ok: js-message-listener-without-origin-check
worker.addEventListener('message', (event) => {
  console.log('worker result', event.data);
});

// ok: js-message-listener-without-origin-check
window.addEventListener('message', (event) => {
  if (event.source !== document.querySelector<HTMLIFrameElement>('#editor')?.contentWindow) return;
  console.log(event.data);
});
