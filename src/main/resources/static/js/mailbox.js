/*
 * New mail in an open mailbox without reload (MBX-10): listens to the server's event stream and,
 * for each delivered message, fetches its row and the folder list through htmx, so the rows come
 * from the same server templates and checks as everywhere else. Without JavaScript the page simply
 * shows new mail on the next load.
 */
(function () {
  'use strict';

  var ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function start() {
    var box = document.getElementById('mailbox');
    var url = box && box.getAttribute('data-events');
    if (!url || !window.EventSource || !window.htmx) {
      return;
    }
    var source = new EventSource(url);
    // Marks the page as listening, for people's tools and tests alike.
    source.addEventListener('open', function () {
      box.setAttribute('data-stream', 'open');
    });
    source.addEventListener('error', function () {
      box.setAttribute('data-stream', 'reconnecting');
    });
    source.addEventListener('delivered', function (event) {
      var id;
      try {
        id = JSON.parse(event.data).id;
      } catch (notJson) {
        return;
      }
      if (!ID.test(id)) {
        return;
      }
      var prefix = box.getAttribute('data-row-prefix');
      if (prefix && document.getElementById('message-rows') && !document.getElementById('m-' + id)) {
        htmx.ajax('GET', prefix + id + '/row', { target: '#message-rows', swap: 'afterbegin' }).then(function () {
          var empty = document.getElementById('no-messages');
          if (empty) {
            empty.remove();
          }
        });
      }
      var nav = box.getAttribute('data-nav');
      if (nav && document.getElementById('folder-nav')) {
        htmx.ajax('GET', nav, { target: '#folder-nav', swap: 'outerHTML' });
      }
      var live = document.getElementById('new-mail');
      if (live) {
        live.textContent = '';
        live.textContent = live.getAttribute('data-text');
      }
    });
    window.addEventListener('pagehide', function () {
      source.close();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
