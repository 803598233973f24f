/* Small progressive enhancements; every page works without JavaScript. */
(function () {
  "use strict";
  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  // <form data-confirm="…">: ask before submitting (delete, approve, new version). The one
  // confirmation for plain and htmx forms alike (templates use no hx-confirm): on Cancel the
  // submit event is stopped here, before it reaches htmx's own listener on the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute && form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
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
    if (box.scrollIntoView) box.scrollIntoView({block: "nearest"});
  }

  // <a data-download>: a document made on demand (a PDF takes seconds). Without JavaScript it
  // is a plain link. With it, the link shows that the document is being made, ignores repeat
  // clicks, fetches the file and hands it to the browser's download under the name the server
  // gives (Content-Disposition); an error page's message is shown on this page instead.
  function filenameFrom(header) {
    var star = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
    if (star) {
      try { return decodeURIComponent(star[1].trim()); } catch (e) { /* fall back to filename= */ }
    }
    var quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    if (quoted) return quoted[1].replace(/\\(.)/g, "$1");
    var bare = /filename\s*=\s*([^;]+)/i.exec(header);
    return bare ? bare[1].trim() : "";
  }
  function saveBlob(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function setBusy(link, busy) {
    if (busy) {
      link.setAttribute("data-label", link.innerHTML);
      link.setAttribute("aria-disabled", "true");
      link.setAttribute("aria-busy", "true");
      link.classList.add("is-busy");
      link.innerHTML = '<span class="spinner" aria-hidden="true"></span>กำลังสร้างเอกสาร…';
    } else {
      link.innerHTML = link.getAttribute("data-label");
      link.removeAttribute("data-label");
      link.removeAttribute("aria-disabled");
      link.removeAttribute("aria-busy");
      link.classList.remove("is-busy");
    }
  }
  function errorText(html, status) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var title = doc.querySelector("main h1");
    var message = title && title.nextElementSibling;
    if (title && message) return title.textContent.trim() + ": " + message.textContent.trim();
    return "จัดทำเอกสารไม่สำเร็จ โปรดลองอีกครั้ง (รหัส " + status + ")";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;  // a new tab or window: as a link
    if (!window.fetch || !window.URL || !URL.createObjectURL || !window.DOMParser) return;
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") return;
    setBusy(link, true);
    var box = document.getElementById("live-problem");
    if (box) box.hidden = true;
    fetch(link.href, {credentials: "same-origin"}).then(function (response) {
      var disposition = response.headers.get("Content-Disposition") || "";
      if (response.ok && /^\s*attachment/i.test(disposition)) {
        return response.blob().then(function (blob) { saveBlob(blob, filenameFrom(disposition) || "document"); });
      }
      if (response.ok) {  // not a file (the session ended and this is the login page): go there
        window.location.assign(response.url);
        return null;
      }
      return response.text().then(function (html) { problem(errorText(html, response.status)); });
    }).catch(function () {
      problem("ติดต่อระบบไม่ได้ ตรวจการเชื่อมต่อเครือข่ายแล้วลองอีกครั้ง");
    }).then(function () { setBusy(link, false); });
  });
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
/* Suggested addresses and copyable links (the OIT checklist, the public pages' settings). */
(function () {
  "use strict";
  // <a data-fill-url="…"> beside a form's URL field: puts the suggested address in the field. The
  // link itself opens the form with the address filled in, for browsers without JavaScript.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-fill-url]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var form = link.closest("form");
    var field = form && form.querySelector("input[name=url]");
    if (!field) return;
    event.preventDefault();
    var value = link.getAttribute("data-fill-url");
    if (field.value && field.value !== value && !window.confirm("แทนลิงก์ที่กรอกไว้ด้วยลิงก์นี้?")) return;
    field.value = value;
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.focus();
  });
  // <button data-copy="id">: copies the named field's text; <input data-select-all>: selected on focus.
  function copied(button) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = "คัดลอกแล้ว";
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { copied(button); }, function () {
        if (document.execCommand("copy")) copied(button);
      });
    } else if (document.execCommand && document.execCommand("copy")) {
      copied(button);
    }
  });
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.matches && el.matches("input[data-select-all]")) el.select();
  });
  function showCopyButtons() {
    document.querySelectorAll("button[data-copy][hidden]").forEach(function (b) { b.hidden = false; });
  }
  if (document.readyState !== "loading") showCopyButtons(); else document.addEventListener("DOMContentLoaded", showCopyButtons);
})();
