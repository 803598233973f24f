/* Small progressive enhancements; every page works without JavaScript. */
(function () {
  "use strict";
  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  // <form data-confirm="…">: ask before submitting (delete, approve, new version).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute && form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) event.preventDefault();
  }, true);
  // <select data-autosubmit>: changing it submits its form (year and unit pickers).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    }
  });
  onReady(function () {
    // Hide the "go" buttons that auto-submitting selects make unnecessary.
    document.querySelectorAll("[data-autosubmit-button]").forEach(function (b) { b.hidden = true; });
    // Close the user menu when clicking elsewhere.
    document.addEventListener("click", function (event) {
      document.querySelectorAll("details.usermenu[open]").forEach(function (d) {
        if (!d.contains(event.target)) d.removeAttribute("open");
      });
    });
    // Focus the first field with an error, so keyboard and screen-reader users land on it.
    var bad = document.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (bad) bad.focus();
    // On a phone the menu is a sideways strip: bring the current section into view.
    var nav = document.querySelector(".sidenav");
    var current = nav && nav.querySelector("[aria-current=page]");
    if (nav && current && nav.scrollWidth > nav.clientWidth) {
      nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
    }
  });
  // When an htmx request fails, say so (htmx itself leaves the page unchanged).
  function problem(text) {
    var box = document.getElementById("live-problem");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    problem(status === 403 ? "ทำรายการนี้ไม่ได้: ไม่มีสิทธิ์ หรือหน้านี้เปิดไว้นานเกินไป โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง"
                           : "บันทึกไม่สำเร็จ โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง (รหัส " + status + ")");
  });
  document.addEventListener("htmx:sendError", function () {
    problem("ติดต่อระบบไม่ได้ ตรวจการเชื่อมต่อเครือข่ายแล้วลองอีกครั้ง");
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("live-problem");
    if (box) box.hidden = true;
  });
  // After htmx swaps content in: focus the first field with an error, or the first field of a
  // form that was just opened in place (so the keyboard continues where the user clicked).
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = document.getElementById(event.detail.target.id) || event.detail.target;
    var bad = root.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (bad) { bad.focus(); return; }
    var form = root.querySelector("form[data-focus-first]");
    var first = form && form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  });
})();
