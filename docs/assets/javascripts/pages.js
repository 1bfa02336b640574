// What every page runs once it has painted, joined before Material's bundle into the one script
// every page loads (newsroom/scripts.py): a reader fetches it once, and the browser keeps it.

// Search of the whole archive (overrides/partials/site-search.html, newsroom/search.py). The
// header's button opens the dialog by itself (its `command`), before this script has arrived, in
// a browser that knows HTML's invoker commands; this opens it in one that does not, and from the
// keyboard with /, S or F anywhere but in a field (Material's shortcuts). Once the dialog is open,
// its code (search.js) loads, and Pagefind's with it: nothing of search is fetched before.
(() => {
  const dialog = document.getElementById("site-search")
  if (!dialog) return
  const status = dialog.querySelector("[role=status]")
  let started = null
  const start = () => {
    started ??= import(new URL(dialog.dataset.script, location).href)
      .then(search => search.start(dialog))
      .catch(() => { started = null; status.textContent = "Search could not load. Check your connection, then try again." })
  }
  const open = () => {
    if (!dialog.open) dialog.showModal()
    start()
  }
  document.getElementById("site-search-open").addEventListener("click", open)
  dialog.addEventListener("click", event => event.target === dialog && dialog.close())
  // Esc closes search at once, even from a field with words in it (which Esc would only clear).
  dialog.addEventListener("keydown", event => {
    if (event.key !== "Escape") return
    event.preventDefault()
    dialog.close()
  })
  document.addEventListener("keydown", event => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey || !["/", "s", "f", "S", "F"].includes(event.key)) return
    if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]")) return
    event.preventDefault()
    open()
  })
  // Opened by the button before this script arrived: words typed meanwhile are in the field.
  if (dialog.open) start()
})();

// Material's bundle, on every page, fetches the sitemap.xml beside each <link rel=alternate>, to
// map the pages of a site in another language. Our alternates are feeds, not languages, so every
// page would download the sitemap (over 100 KB gzipped with 10,000 articles) three times for
// nothing. This drops those requests, unless a page has a language alternate (hreflang) or instant
// navigation, which uses the sitemap, is switched on. It runs before the bundle, which follows it
// in the same file; tests/test_material_internals.py checks the bundle still does this.
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  if (config.features.some(feature => feature.startsWith("navigation.instant"))
    || document.querySelector("link[rel=alternate][hreflang]")) return
  const { open } = XMLHttpRequest.prototype
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, location).pathname.endsWith("/sitemap.xml")) this.send = () => {}
    return open.call(this, method, url, ...rest)
  }
})();

// Material's drawer and search toggles are checkboxes, which a browser restores, as a form's fields,
// when a reader comes back to a page: the drawer would be open again. Material marks them
// autocomplete=off against it, which HTML allows only on fields that take text, so
// newsroom/page_html.py takes that off and this closes them as the page is shown.
(() => {
  const close = () => {
    for (const toggle of document.querySelectorAll("input[type=checkbox][data-md-toggle]:checked")) {
      toggle.checked = false
      toggle.dispatchEvent(new Event("change"))
    }
  }
  close()
  addEventListener("pageshow", close)
})();
