/*
 * Push notifications in this browser (NTF-5): asks the browser's permission, registers the service
 * worker at the site's root, subscribes with the server's VAPID key and hands the subscription to
 * the server. Where the browser cannot receive push (or script is off) the button stays hidden and
 * the page's note says so. Every text shown is the page's own; the script carries none.
 */
(function () {
  'use strict';

  var NOTES = ['push-enabled', 'push-denied', 'push-failed'];

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  function supported() {
    return window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  function show(id, text) {
    NOTES.forEach(function (note) {
      var element = document.getElementById(note);
      if (element) {
        element.hidden = note !== id;
      }
    });
    var shown = document.getElementById(id);
    if (shown && text) {
      shown.textContent = text;
    }
  }

  /** The key as PushManager.subscribe wants it: bytes, from the base64url the server publishes. */
  function bytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = window.atob(base64 + '==='.slice((base64.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  }

  function sameKey(buffer, expected) {
    if (!buffer) {
      return false;
    }
    var held = new Uint8Array(buffer);
    if (held.length !== expected.length) {
      return false;
    }
    for (var i = 0; i < held.length; i++) {
      if (held[i] !== expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** This browser's subscription made with the server's key; one made with another key is dropped, as it would be refused. */
  function subscription(registration, key) {
    return registration.pushManager.getSubscription().then(function (existing) {
      if (existing && sameKey(existing.options.applicationServerKey, key)) {
        return existing;
      }
      var dropped = existing ? existing.unsubscribe() : Promise.resolve(true);
      return dropped.then(function () {
        return registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key});
      });
    });
  }

  function post(url, body) {
    var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      headers[header] = token;
    }
    return fetch(url, {method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body)});
  }

  function refreshDevices(box) {
    if (window.htmx && document.getElementById('push-devices')) {
      window.htmx.ajax('GET', box.dataset.devicesUrl, {target: '#push-devices', swap: 'outerHTML'});
    }
  }

  function enable(box, button) {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        var refused = new Error('notifications denied');
        refused.denied = true;
        throw refused;
      }
      return navigator.serviceWorker.register(box.dataset.workerUrl, {scope: '/'});
    }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      return fetch(box.dataset.keyUrl, {credentials: 'same-origin'}).then(function (response) {
        if (!response.ok) {
          throw new Error('no key');
        }
        return response.text();
      }).then(function (key) {
        return subscription(registration, bytes(key.trim()));
      });
    }).then(function (subscribed) {
      return post(box.dataset.subscribeUrl, subscribed.toJSON());
    }).then(function (response) {
      if (response.ok) {
        show('push-enabled');
        refreshDevices(box);
        return null;
      }
      return response.json().then(function (problem) {
        show('push-failed', problem && problem.message);
      }, function () {
        show('push-failed');
      });
    }).catch(function (problem) {
      show(problem && problem.denied ? 'push-denied' : 'push-failed');
    }).then(function () {
      button.disabled = false;
    });
  }

  function start() {
    var box = document.getElementById('push-enable');
    if (!box || !supported()) {
      return;
    }
    var unsupported = document.getElementById('push-unsupported');
    if (unsupported) {
      unsupported.hidden = true;
    }
    box.hidden = false;
    var button = document.getElementById('push-enable-button');
    button.addEventListener('click', function () {
      enable(box, button);
    });
    if (Notification.permission === 'denied') {
      show('push-denied');
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
