/*
 * The service worker of push notifications (NTF-5). It is served from the site's root, so its scope
 * is the whole site without a Service-Worker-Allowed header. It shows what the server sent (the
 * browser has decrypted it already) and on a click opens the page the message names — only a page
 * of this site, whatever the message says.
 */
'use strict';

function pageOfThisSite(url) {
  try {
    var target = new URL(url, self.location.origin);
    if (target.origin === self.location.origin) {
      return target.href;
    }
  } catch (unreadable) {
    // falls through to the cabinet
  }
  return new URL('/cabinet', self.location.origin).href;
}

self.addEventListener('push', function (event) {
  var data = {};
  if (event.data) {
    try {
      data = event.data.json();
    } catch (notJson) {
      data = {};
    }
  }
  // Browsers insist that every push shows a notification, so one comes even from an unreadable message.
  var title = typeof data.title === 'string' && data.title ? data.title : self.location.host;
  var options = {
    body: typeof data.body === 'string' ? data.body : '',
    data: {url: pageOfThisSite(typeof data.url === 'string' ? data.url : '/cabinet')}
  };
  if (typeof data.tag === 'string' && data.tag) {
    options.tag = data.tag;
  }
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = pageOfThisSite(event.notification.data && event.notification.data.url);
  event.waitUntil(self.clients.matchAll({type: 'window', includeUncontrolled: true}).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === url && 'focus' in windows[i]) {
        return windows[i].focus();
      }
    }
    return self.clients.openWindow(url);
  }));
});
