// The search dialog's code (overrides/partials/site-search.html loads it when a reader first opens
// search). It builds the dialog's controls, which no page carries. Pagefind finds the articles; this
// lists them: headline, standfirst, sections and date, and the passage that matched, its words
// marked. Results come five at a time, as in Pagefind's own interface: each fetches its article's
// text for the passage, so the first search stays light.
// The section and year choices come with the page (from the articles' front matter), so opening
// search fetches no filter data; Pagefind fetches it only when a reader narrows by them.

const PAGE = 5
// A pause in typing before searching: Pagefind fetches only the index of the words searched for.
const PAUSE_MS = 200
// Material's close icon (material/close), as the header's icons are drawn.
const CLOSE_ICON = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
const ORDERS = [["relevance", "Best match first"], ["newest", "Newest first"]]

export async function start(dialog) {
  // The filters a reader can narrow by, each with its values: the page's data-choices.
  const choices = JSON.parse(dialog.dataset.choices)
  if (!dialog.querySelector(".site-search__options")) build(dialog, choices)
  const form = dialog.querySelector("form")
  const status = dialog.querySelector("[role=status]")
  const list = dialog.querySelector(".site-search__results")
  const more = dialog.querySelector(".site-search__more")
  const pagefind = await import(new URL(dialog.dataset.index, location).href)
  const site = dialog.dataset.site.replace(/\/?$/, "/")
  // Matches rank by how often and where (the headline first) they hold the words, not by how much
  // of their page those fill (Pagefind's pageLength): a follow-up that repeats a report's paragraph
  // matches its words as well as the report does, however long either is.
  await pagefind.options({ baseUrl: new URL(site, location).pathname, excerptLength: 24, ranking: { pageLength: 0 } })

  let latest = 0
  let results = []
  let shown = 0

  const showMore = async ticket => {
    const batch = results.slice(shown, shown + PAGE)
    const found = await Promise.all(batch.map(result => result.data()))
    if (ticket !== latest) return
    shown += batch.length
    list.append(...found.map(listing))
    more.hidden = shown >= results.length
  }

  // The list is busy (aria-busy) from each keystroke until the results for it are listed.
  const run = async () => {
    const ticket = ++latest
    list.setAttribute("aria-busy", "true")
    const query = form.query.value.trim()
    const filters = {}
    for (const name of Object.keys(choices)) if (form[name].value) filters[name] = form[name].value
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren()
      more.hidden = true
      status.textContent = "Type a word or a name to find it in any article."
      list.setAttribute("aria-busy", "false")
      return
    }
    await new Promise(resolve => setTimeout(resolve, PAUSE_MS))
    if (ticket !== latest) return
    // Newest first; then, unless the reader asked for that order, the best match first, equally good
    // matches staying newest first (sort is stable), as readers of news expect. A search in date
    // order scores results by their place in it, so the scores come from a search of their own.
    const newest = form.order.value === "newest"
    const [dated, ranked] = await Promise.all([pagefind.search(query || null, { filters, sort: { date: "desc" } }),
                                               newest ? null : pagefind.search(query || null, { filters })])
    if (ticket !== latest) return
    const score = new Map(ranked?.results.map(result => [result.id, result.score]))
    results = newest ? dated.results : [...dated.results].sort((a, b) => score.get(b.id) - score.get(a.id))
    shown = 0
    list.replaceChildren()
    status.textContent = results.length === 0 ? "No articles match. Try other words, or all sections and years."
      : results.length === 1 ? "1 article found." : `${results.length} articles found.`
    await showMore(ticket)
    if (ticket === latest) list.setAttribute("aria-busy", "false")
  }

  form.addEventListener("input", run)
  form.addEventListener("submit", event => {
    event.preventDefault()
    list.querySelector("a")?.focus()
  })
  more.addEventListener("click", () => showMore(latest))
  dialog.addEventListener("keydown", event => moveFocus(event, form.query, list))
  await run()
}

// The dialog's controls around the field and the status line the page carries: a heading and a
// close button before them, a choice of each filter's values and the order after the field, and the
// results and "More results" after the status.
function build(dialog, choices) {
  const form = dialog.querySelector("form")
  const close = element("button", "site-search__close md-icon")
  Object.assign(close, { type: "button", title: "Close search (Escape key)" })
  close.setAttribute("aria-label", "Close search")
  close.append(icon(CLOSE_ICON))
  close.addEventListener("click", () => dialog.close())
  const head = element("div", "site-search__head")
  head.append(element("h2", "", "Search the archive"), close)
  form.before(head)

  const options = element("div", "site-search__options")
  for (const [name, values] of Object.entries(choices))
    options.append(labelled(name[0].toUpperCase() + name.slice(1),
                            select(name, [["", `All ${name}s`], ...values.map(value => [String(value), String(value)])])))
  options.append(labelled("Order", select("order", ORDERS)))
  form.append(options)

  const more = element("button", "site-search__more", "More results")
  Object.assign(more, { type: "button", hidden: true })
  dialog.querySelector("[role=status]").after(element("ol", "site-search__results"), more)
}

function labelled(text, control) {
  const label = element("label")
  label.append(element("span", "", text), control)
  return label
}

function select(name, options) {
  const made = Object.assign(document.createElement("select"), { name })
  for (const [value, text] of options) made.append(new Option(text, value))
  return made
}

function icon(path) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg")
  svg.setAttribute("viewBox", "0 0 24 24")
  const shape = document.createElementNS("http://www.w3.org/2000/svg", "path")
  shape.setAttribute("d", path)
  svg.append(shape)
  return svg
}

// One result: the headline linked, its sections and date, the standfirst and the passage matched.
function listing({ url, meta, filters, excerpt }) {
  const item = document.createElement("li")
  const headline = element("h3", "site-search__headline")
  const link = element("a", "", meta.title)
  link.href = url
  headline.append(link)
  const about = element("p", "site-search__meta", [(filters.section ?? []).join(", "), meta.date].filter(Boolean).join(" · "))
  item.append(headline, about, element("p", "site-search__standfirst", meta.standfirst ?? ""), marked(excerpt))
  return item
}

function element(name, className, text = "") {
  const made = document.createElement(name)
  if (className) made.className = className
  made.textContent = text
  return made
}

// Pagefind's excerpt is escaped text with the matched words in <mark>: keep the text and the marks, nothing else.
function marked(excerpt) {
  const parsed = document.createElement("template")
  parsed.innerHTML = excerpt
  const passage = element("p", "site-search__excerpt")
  for (const node of parsed.content.childNodes)
    passage.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent)
  return passage
}

// Down and up arrows move between the field and the results' links, as in Material's search.
function moveFocus(event, field, list) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return
  const stops = [field, ...list.querySelectorAll("a")]
  const at = stops.indexOf(document.activeElement)
  if (at < 0) return
  event.preventDefault()
  stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus()
}
