/*
 * Progressive enhancement only: every page and form works without this file.
 * Loaded as a file (never inline) because the Content-Security-Policy forbids inline script.
 */
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  // htmx requests are not form posts, so they carry no hidden _csrf field; Spring Security
  // accepts the token in a header instead.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      event.detail.headers[header] = token;
    }
  });
})();
