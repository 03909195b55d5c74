/* Women, Peace and Security portal: progressive enhancement.
   No dependencies, no build step. Loaded with `defer` on every page; each feature
   starts only when its elements are on the page. Without JavaScript every page
   still shows everything (the timeline lists all activities). */
(function () {
  'use strict';

  var doc = document;

  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }

  /** Replaces `{name}` placeholders of an interface string. */
  function format(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  function currentParams() {
    return new URLSearchParams(window.location.search);
  }

  /** Keeps the page's state in the address without adding history entries. */
  function replaceQuery(params) {
    var query = params.toString();
    var url = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      window.history.replaceState(window.history.state, '', url);
    } catch (error) {
      /* file:// or a sandbox: the filters still work, only the address stays. */
    }
  }

  function words(value) {
    return String(value || '').split(/\s+/).filter(Boolean);
  }

  /* ------------------------------------------------------------------
     Faceted timeline: keyword, type, year, region and partner (several
     values each, counts worked out from the other active filters), sort,
     list or table view, copy link, download; the state lives in the
     address (one history entry per change, so Back undoes it).
     ------------------------------------------------------------------ */
  var FACETS = ['type', 'year', 'region', 'role', 'source', 'partner'];

  /** The text of an element without its visually hidden parts ("Partners: "). */
  function shownText(element) {
    if (!element) return '';
    var copy = element.cloneNode(true);
    all('.visually-hidden', copy).forEach(function (hidden) { hidden.parentNode.removeChild(hidden); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  function pushOrReplace(params, push) {
    var query = params.toString();
    var url = window.location.pathname + (query ? '?' + query : '');
    if (url === window.location.pathname + window.location.search) return;
    try {
      if (push) window.history.pushState(null, '', url); else window.history.replaceState(null, '', url);
    } catch (error) {
      /* file:// or a sandbox: the filters still work, only the address stays. */
    }
  }

  function csvCell(value) {
    var text = String(value == null ? '' : value);
    /* A cell a spreadsheet would read as a formula is kept as text. */
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function initTimeline() {
    var form = doc.getElementById('timeline-filters');
    var timeline = doc.getElementById('timeline');
    if (!form || !timeline) return;

    var boxes = {};
    FACETS.forEach(function (facet) {
      boxes[facet] = all('input[type="checkbox"][name="' + facet + '"]', form);
    });
    var keyword = form.elements.namedItem('q');
    var sortField = form.elements.namedItem('sort');
    var viewRadios = all('input[name="view"]', form);
    var status = doc.getElementById('filter-status');
    var noResults = doc.getElementById('no-results');
    var tableBox = doc.getElementById('results-table');
    var yearIndex = doc.querySelector('.year-index');
    var message = doc.getElementById('view-message');
    var months = all('.month', timeline);
    var years = all('.year', timeline);
    var yearLinks = all('.year-index li[data-year]');

    var entries = all('.entry', timeline).map(function (element) {
      var link = element.querySelector('.entry-title a');
      var url = link ? link.href : '';
      var partnerLinks = all('.entry-partners a', element);
      var entry = {
        element: element,
        type: element.getAttribute('data-type') || '',
        partner: words(element.getAttribute('data-partners')),
        region: words(element.getAttribute('data-regions')),
        year: element.getAttribute('data-year') || '',
        role: words(element.getAttribute('data-role')),
        source: words(element.getAttribute('data-sources')),
        date: element.getAttribute('data-date') || '',
        title: link ? link.textContent.trim() : '',
        url: url,
        id: (url.match(/\/([^\/?#]+)\/?(?:[?#].*)?$/) || [])[1] || '',
        dateText: shownText(element.querySelector('time')),
        typeLabel: shownText(element.querySelector('.tag')),
        partnerNames: partnerLinks.map(function (a) { return a.textContent.trim(); }),
        location: shownText(element.querySelector('.entry-location')),
        summary: shownText(element.querySelector('.entry-summary'))
      };
      entry.text = normalize([entry.title, entry.typeLabel, entry.dateText, entry.partnerNames.join(' '),
        entry.location, entry.summary].join('\n'));
      return entry;
    });
    var total = entries.length;
    var oldestFirst = false;
    /* The keyword also finds words of the activities' bodies, which the list does not show:
       they come from the edition's search index, fetched the first time a keyword is used. */
    var indexURL = form.getAttribute('data-index');
    var bodiesLoading = null;

    function loadBodies() {
      if (bodiesLoading || !indexURL || !window.fetch) return;
      bodiesLoading = fetch(indexURL, { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then(function (rows) {
          var byURL = Object.create(null);
          (Array.isArray(rows) ? rows : []).forEach(function (row) {
            if (Array.isArray(row) && row[7]) byURL[new URL(String(row[0]), window.location.href).href] = row[7];
          });
          entries.forEach(function (entry) { entry.body = normalize(byURL[entry.url] || ''); });
          apply('none');
        })
        .catch(function () {
          /* Titles, summaries, places and partners are still searched. */
        });
    }
    var tableSort = null;

    function valuesOf(entry, facet) {
      var value = entry[facet];
      return Array.isArray(value) ? value : [value];
    }

    function readForm() {
      var state = { q: keyword ? keyword.value.trim() : '', sort: sortField ? sortField.value : 'newest', view: 'list' };
      FACETS.forEach(function (facet) {
        state[facet] = boxes[facet].filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      });
      viewRadios.forEach(function (radio) { if (radio.checked) state.view = radio.value; });
      return state;
    }

    function writeForm(state) {
      FACETS.forEach(function (facet) {
        boxes[facet].forEach(function (box) { box.checked = state[facet].indexOf(box.value) !== -1; });
      });
      if (keyword) keyword.value = state.q;
      if (sortField) sortField.value = state.sort;
      viewRadios.forEach(function (radio) { radio.checked = radio.value === state.view; });
    }

    /** The state the address asks for; values that are not options are dropped. */
    function stateFromURL() {
      var params = currentParams();
      var state = { q: (params.get('q') || '').trim(), sort: params.get('sort') === 'oldest' ? 'oldest' : 'newest',
        view: params.get('view') === 'table' ? 'table' : 'list' };
      FACETS.forEach(function (facet) {
        var known = boxes[facet].map(function (box) { return box.value; });
        var wanted = [];
        params.getAll(facet).forEach(function (value) {
          words(value.replace(/,/g, ' ')).forEach(function (one) {
            if (known.indexOf(one) !== -1 && wanted.indexOf(one) === -1) wanted.push(one);
          });
        });
        state[facet] = wanted;
      });
      return state;
    }

    function paramsOf(state) {
      var params = new URLSearchParams();
      if (state.q) params.set('q', state.q);
      FACETS.forEach(function (facet) {
        state[facet].forEach(function (value) { params.append(facet, value); });
      });
      if (state.sort === 'oldest') params.set('sort', 'oldest');
      if (state.view === 'table') params.set('view', 'table');
      return params;
    }

    function matches(entry, state, terms, except) {
      for (var i = 0; i < FACETS.length; i += 1) {
        var facet = FACETS[i];
        if (facet === except || !state[facet].length) continue;
        var values = valuesOf(entry, facet);
        if (!values.some(function (value) { return state[facet].indexOf(value) !== -1; })) return false;
      }
      for (var j = 0; j < terms.length; j += 1) {
        if (!matchTerm(entry.body ? [entry.text, entry.body] : [entry.text], terms[j])) return false;
      }
      return true;
    }

    /** Hides a group with no visible entry and writes its visible count and noun. */
    function updateGroup(group, headingSelector) {
      var shown = all('.entry', group).filter(function (entry) { return !entry.hidden; }).length;
      group.hidden = shown === 0;
      setText(group.querySelector(headingSelector + ' .count-value'), String(shown));
      var noun = group.querySelector(headingSelector + ' .count-noun');
      if (noun) setText(noun, noun.getAttribute(shown === 1 ? 'data-one' : 'data-other') || noun.textContent);
      return shown;
    }

    function reverseChildren(parent, selector) {
      if (!parent) return;
      all(selector, parent).filter(function (child) { return child.parentNode === parent; })
        .reverse().forEach(function (child) { parent.appendChild(child); });
    }

    function setOrder(oldest) {
      if (oldest === oldestFirst) return;
      reverseChildren(timeline, '.year');
      years.forEach(function (year) { reverseChildren(year.querySelector('.months'), '.month'); });
      months.forEach(function (month) { reverseChildren(month.querySelector('.entries'), '.entry'); });
      if (yearIndex) reverseChildren(yearIndex.querySelector('ul'), 'li');
      entries.reverse();
      oldestFirst = oldest;
    }

    /** The counts of each facet's values among the entries that every other active filter lets through. */
    function updateCounts(state, terms) {
      FACETS.forEach(function (facet) {
        var tally = {};
        entries.forEach(function (entry) {
          if (!matches(entry, state, terms, facet)) return;
          valuesOf(entry, facet).forEach(function (value) { tally[value] = (tally[value] || 0) + 1; });
        });
        boxes[facet].forEach(function (box) {
          var count = tally[box.value] || 0;
          var label = box.closest('label');
          setText(label && label.querySelector('.facet-count'), String(count));
          box.disabled = count === 0 && !box.checked;
          if (label) label.classList.toggle('is-empty', count === 0);
        });
      });
    }

    function compare(a, b, key) {
      if (key === 'date') return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
      var x = key === 'partners' ? a.partnerNames.join(', ') : key === 'type' ? a.typeLabel : a[key];
      var y = key === 'partners' ? b.partnerNames.join(', ') : key === 'type' ? b.typeLabel : b[key];
      return String(x).localeCompare(String(y), doc.documentElement.lang || undefined, { sensitivity: 'base', numeric: true });
    }

    var COLUMNS = ['date', 'title', 'type', 'partners', 'location'];

    function renderTable(shown) {
      var sort = tableSort || { key: 'date', descending: !oldestFirst };
      var rows = shown.slice();
      rows.sort(function (a, b) {
        var order = compare(a, b, sort.key) || compare(a, b, 'date');
        return sort.descending ? -order : order;
      });
      var table = doc.createElement('table');
      var caption = element('caption', null, tableBox.getAttribute('data-caption'));
      caption.appendChild(element('span', 'visually-hidden', ' ' + tableBox.getAttribute('data-sort-hint')));
      table.appendChild(caption);
      var head = doc.createElement('thead');
      var headRow = doc.createElement('tr');
      COLUMNS.forEach(function (key) {
        var th = doc.createElement('th');
        th.setAttribute('scope', 'col');
        if (key === sort.key) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
        var button = element('button', 'sort-button', tableBox.getAttribute('data-' + key));
        button.type = 'button';
        button.setAttribute('data-key', key);
        button.appendChild(element('span', 'sort-mark', key === sort.key ? (sort.descending ? ' ▼' : ' ▲') : ''));
        button.lastChild.setAttribute('aria-hidden', 'true');
        th.appendChild(button);
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = doc.createElement('tbody');
      rows.forEach(function (entry) {
        var row = doc.createElement('tr');
        var time = element('time', null, entry.dateText);
        time.setAttribute('datetime', entry.date);
        row.appendChild(element('td', 'cell-date', time));
        var cell = element('td', 'cell-title');
        var url = safeURL(entry.url);
        var link = element(url ? 'a' : 'span', null, entry.title);
        if (url) link.href = url;
        cell.appendChild(link);
        row.appendChild(cell);
        row.appendChild(element('td', null, entry.typeLabel));
        row.appendChild(element('td', null, entry.partnerNames.join(', ')));
        row.appendChild(element('td', null, entry.location));
        body.appendChild(row);
      });
      table.appendChild(body);
      tableBox.textContent = '';
      tableBox.appendChild(table);
    }

    function shownEntries() {
      return entries.filter(function (entry) { return !entry.element.hidden; });
    }

    function apply(history) {
      var state = readForm();
      var terms = words(normalize(state.q));
      if (terms.length) loadBodies();
      setOrder(state.sort === 'oldest');
      var shown = 0;
      entries.forEach(function (entry) {
        var visible = matches(entry, state, terms, null);
        entry.element.hidden = !visible;
        if (visible) shown += 1;
      });
      months.forEach(function (month) { updateGroup(month, '.month-heading'); });
      years.forEach(function (year) { updateGroup(year, '.year-heading'); });
      yearLinks.forEach(function (item) {
        var section = timeline.querySelector('.year[data-year="' + item.getAttribute('data-year') + '"]');
        item.hidden = !!(section && section.hidden);
      });
      updateCounts(state, terms);
      var table = state.view === 'table' && tableBox;
      timeline.hidden = !!table;
      if (yearIndex) yearIndex.hidden = !!table;
      if (tableBox) {
        tableBox.hidden = !table || shown === 0;
        if (table) renderTable(shownEntries()); else tableBox.textContent = '';
      }
      if (status) setText(status, format(status.getAttribute('data-template'), { shown: shown, total: total }));
      if (noResults) noResults.hidden = shown !== 0;
      if (history !== 'none') pushOrReplace(paramsOf(state), history === 'push');
    }

    function download(kind, button) {
      var rows = (tableBox && !tableBox.hidden)
        ? all('tbody tr', tableBox).map(function (row) {
          var href = row.querySelector('a') && row.querySelector('a').href;
          return entries.filter(function (entry) { return entry.url === href; })[0];
        }).filter(Boolean)
        : shownEntries();
      var records = rows.map(function (entry) {
        return { id: entry.id, title: entry.title, date: entry.date, type: entry.type, type_label: entry.typeLabel,
          partners: entry.partner, partner_names: entry.partnerNames, regions: entry.region,
          location: entry.location || null, summary: entry.summary || null, url: entry.url };
      });
      var text;
      var type;
      if (kind === 'csv') {
        var columns = ['id', 'title', 'date', 'type', 'type_label', 'partners', 'partner_names', 'regions', 'location', 'summary', 'url'];
        text = '\ufeff' + columns.join(',') + '\r\n' + records.map(function (record) {
          return columns.map(function (column) {
            var value = record[column];
            return csvCell(Array.isArray(value) ? value.join(';') : value);
          }).join(',');
        }).join('\r\n') + (records.length ? '\r\n' : '');
        type = 'text/csv;charset=utf-8';
      } else {
        text = JSON.stringify(records, null, 2) + '\n';
        type = 'application/json';
      }
      var file = button.getAttribute('data-filename');
      var blob = new Blob([text], { type: type });
      var url = URL.createObjectURL(blob);
      var link = doc.createElement('a');
      link.href = url;
      link.download = file;
      link.hidden = true;
      doc.body.appendChild(link);
      link.click();
      doc.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      if (message) setText(message, format(message.getAttribute('data-download'), { count: records.length, file: file }));
    }

    function copyLink(button) {
      var url = window.location.href;
      function done() { setText(message, button.getAttribute('data-done')); }
      function failed() { setText(message, format(button.getAttribute('data-failed'), { url: url })); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, failed);
      } else {
        failed();
      }
    }

    var timer = 0;
    form.addEventListener('change', function (event) {
      if (event.target === keyword) return;
      if (event.target === sortField) tableSort = null;
      apply('push');
    });
    if (keyword) {
      keyword.addEventListener('input', function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { apply('replace'); }, 150);
      });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      apply('push');
    });
    form.addEventListener('reset', function (event) {
      event.preventDefault();
      tableSort = null;
      writeForm({ q: '', sort: 'newest', view: readForm().view, type: [], year: [], region: [], role: [], source: [], partner: [] });
      apply('push');
    });
    if (tableBox) {
      tableBox.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.sort-button');
        if (!button) return;
        var key = button.getAttribute('data-key');
        var current = tableSort || { key: 'date', descending: !oldestFirst };
        tableSort = { key: key, descending: current.key === key ? !current.descending : key === 'date' };
        renderTable(shownEntries());
        var again = tableBox.querySelector('.sort-button[data-key="' + key + '"]');
        if (again) again.focus();
      });
    }
    var copy = doc.getElementById('copy-link');
    if (copy) copy.addEventListener('click', function () { copyLink(copy); });
    ['csv', 'json'].forEach(function (kind) {
      var button = doc.getElementById('download-' + kind);
      if (button) button.addEventListener('click', function () { download(kind, button); });
    });
    window.addEventListener('popstate', function () {
      tableSort = null;
      writeForm(stateFromURL());
      apply('none');
    });

    writeForm(stateFromURL());
    /* The facets start open on wide screens, and on phones when the address sets one. */
    var more = doc.getElementById('filter-more');
    if (more) {
      var initial = readForm();
      var wide = window.matchMedia && window.matchMedia('(min-width: 48em)').matches;
      if (wide || FACETS.some(function (facet) { return initial[facet].length; })) more.open = true;
    }
    form.hidden = false;
    apply('none');
  }

  /* ------------------------------------------------------------------
     Search: client-side over data/search-index.json.
     Rows: [url, title, typeLabel, dateText, partnerNames, placeOrRegion, summary, body]
     (body: the record's text as plain text, its first 2,000 characters, without the summary),
     then, for a record shown untranslated, [textLanguage, bodyLanguage].
     ------------------------------------------------------------------ */
  var COMBINING = /[\u0300-\u036f]/g;
  /* Words for spelling suggestions: Latin letters and digits (after `normalize`). */
  var LATIN_SEPARATORS = /[^a-z0-9\u00df-\u024f]+/;
  var LATIN_WORD = /^[a-z0-9\u00df-\u024f]+$/;
  var ASCII = /^[\x00-\x7f]*$/;
  var MAX_RESULTS = 50;

  /** Text as it is compared: lower case, Latin accents dropped ("Timor-Leste" = "timor-leste",
      "é" = "e"), compatibility forms folded (full-width "ＷＰＳ" = "wps", half-width kana),
      kana kept whole (NFC after NFKD, so "ブ" stays one character). */
  function normalize(text) {
    text = String(text || '');
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize('NFKD').replace(COMBINING, '').normalize('NFC').toLowerCase();
  }

  /* Japanese and Chinese are written without spaces between words: a query is matched as a
     substring of the text, and a run of these characters that is not found whole is found
     when each of its pieces is: the run is cut where the script changes (kanji, katakana,
     hiragana: "女性セミナー" is 女性 and セミナー), and a run of three or more kanji into its
     two-character pieces (bigrams), as search engines index CJK text. */
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3005]/;
  var SCRIPT_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+|[\u30a0-\u30ff]+|[\u3040-\u309f]+|[\uac00-\ud7af]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3005]+/g;
  var KANJI = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+$/;
  var pieceCache = Object.create(null);

  /** A term's pieces for that match; one piece (the term itself) when there is nothing to split. */
  function piecesOf(term) {
    if (pieceCache[term]) return pieceCache[term];
    var pieces = [];
    if (CJK.test(term)) {
      (term.match(SCRIPT_RUN) || []).forEach(function (run) {
        if (KANJI.test(run) && run.length >= 3) {
          for (var i = 0; i + 1 < run.length; i += 1) pieces.push(run.substr(i, 2));
        } else {
          pieces.push(run);
        }
      });
    }
    if (pieces.length < 2) pieces = [term];
    pieceCache[term] = pieces;
    return pieces;
  }

  /** 2 when one of `texts` holds `term` whole, 1 when every piece of a CJK term is in one of
      them, else 0. `texts` are normalised. */
  function matchTerm(texts, term) {
    var i;
    for (i = 0; i < texts.length; i += 1) if (texts[i].indexOf(term) !== -1) return 2;
    var pieces = piecesOf(term);
    if (pieces.length < 2) return 0;
    for (var p = 0; p < pieces.length; p += 1) {
      var found = false;
      for (i = 0; i < texts.length && !found; i += 1) found = texts[i].indexOf(pieces[p]) !== -1;
      if (!found) return 0;
    }
    return 1;
  }

  /** The terms to mark in shown text: each term, and the pieces of a CJK term. */
  function markTerms(terms) {
    var out = [];
    terms.forEach(function (term) {
      out.push(term);
      var pieces = piecesOf(term);
      if (pieces.length > 1) out.push.apply(out, pieces);
    });
    return out;
  }

  /** The normalised text with, for each of its code units, the span of the original character. */
  function normalizeWithMap(text) {
    var out = '';
    var starts = [];
    var ends = [];
    var index = 0;
    while (index < text.length) {
      var code = text.codePointAt(index);
      var width = code > 0xffff ? 2 : 1;
      var piece = normalize(text.substr(index, width));
      for (var k = 0; k < piece.length; k += 1) {
        starts.push(index);
        ends.push(index + width);
      }
      out += piece;
      index += width;
    }
    return { text: out, starts: starts, ends: ends };
  }

  /** Text with every match of `terms` wrapped in <mark>, built as DOM nodes. */
  function highlighted(text, terms) {
    var fragment = doc.createDocumentFragment();
    text = String(text || '');
    if (!text) return fragment;
    var ranges = [];
    if (terms.length) {
      var mapped = normalizeWithMap(text);
      terms.forEach(function (term) {
        var from = 0;
        var at;
        while ((at = mapped.text.indexOf(term, from)) !== -1) {
          ranges.push([mapped.starts[at], mapped.ends[at + term.length - 1]]);
          from = at + term.length;
        }
      });
      ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    }
    /* Overlapping and touching matches (the pieces of a Japanese term) make one mark. */
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    });
    var position = 0;
    merged.forEach(function (range) {
      if (range[0] > position) fragment.appendChild(doc.createTextNode(text.slice(position, range[0])));
      var mark = doc.createElement('mark');
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      position = range[1];
    });
    if (position < text.length) fragment.appendChild(doc.createTextNode(text.slice(position)));
    return fragment;
  }

  function element(name, className, child) {
    var node = doc.createElement(name);
    if (className) node.className = className;
    if (child) node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
    return node;
  }

  /** Only links into the web (no `javascript:` and the like) become href values. */
  function safeURL(url) {
    try {
      var parsed = new URL(String(url || ''), window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? String(url) : null;
    } catch (error) {
      return null;
    }
  }

  function initSearch() {
    var form = doc.getElementById('search-form');
    if (!form) return;
    var input = form.elements.namedItem('q');
    var status = doc.getElementById('search-status');
    var list = doc.getElementById('search-results');
    var indexURL = form.getAttribute('data-index');
    var hint = doc.getElementById('search-hint');
    var suggestionBox = doc.getElementById('search-suggestion');
    if (!input || !list || !indexURL) return;

    var rows = null;
    var vocabulary = null;
    var loading = null;
    var failed = false;
    var timer = 0;
    var lastQuery = null;

    function say(text) { setText(status, text || ''); }

    /** Which group a result goes in, from its address: activities, partners, plans, or pages. */
    function kindOf(url) {
      var path = String(url || '');
      if (path.indexOf('/activities/') !== -1) return 'activities';
      if (path.indexOf('/partners/') !== -1) return 'partners';
      if (path.indexOf('/action-plans/') !== -1) return 'plans';
      return 'pages';
    }

    function prepare(row) {
      row = Array.isArray(row) ? row : [];
      return {
        url: row[0], title: row[1] || '', type: row[2] || '', date: row[3] || '',
        partners: row[4] || '', place: row[5] || '', summary: row[6] || '', body: row[7] || '',
        /* A record not translated into this edition's language: the languages of its text and body. */
        textLang: row[8] || '', bodyLang: row[9] || '',
        kind: kindOf(row[0]),
        titleKey: normalize(row[1]),
        restKey: normalize([row[2], row[3], row[4], row[5], row[6]].join('\n')),
        bodyKey: normalize(row[7])
      };
    }

    function load() {
      if (!loading) {
        loading = fetch(indexURL, { credentials: 'same-origin' })
          .then(function (response) {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.json();
          })
          .then(function (data) {
            rows = (Array.isArray(data) ? data : []).map(prepare);
            vocabulary = null;
            return rows;
          })
          .catch(function (error) {
            failed = true;
            loading = null;
            throw error;
          });
      }
      return loading;
    }

    function search(query) {
      var terms = words(normalize(query));
      return { terms: terms, results: find(terms) };
    }

    function find(terms) {
      var whole = terms.join(' ');
      var found = [];
      if (!terms.length) return found;
      for (var i = 0; i < rows.length; i += 1) {
        var row = rows[i];
        var score = 0;
        var ok = true;
        for (var j = 0; j < terms.length; j += 1) {
          /* A word in the title weighs most, then the other fields, then the body; a Japanese
             term found only by its pieces least. */
          var inTitle = row.titleKey.indexOf(terms[j]);
          if (inTitle !== -1) {
            score += inTitle === 0 ? 12 : 10;
          } else if (row.restKey.indexOf(terms[j]) !== -1) {
            score += 3;
          } else if (row.bodyKey.indexOf(terms[j]) !== -1) {
            score += 1;
          } else if (matchTerm([row.titleKey, row.restKey, row.bodyKey], terms[j])) {
            score += 0.5;
          } else {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (terms.length > 1 && row.titleKey.indexOf(whole) !== -1) score += 5;
        found.push({ row: row, score: score, order: i });
      }
      found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
      return found;
    }

    /** Every word of the index written in Latin letters once, for spelling suggestions
        (Japanese is not written in words apart, and a misspelling there is another word). */
    function words_() {
      if (vocabulary) return vocabulary;
      var seen = Object.create(null);
      vocabulary = [];
      rows.forEach(function (row) {
        [row.titleKey, row.restKey, row.bodyKey].forEach(function (text) {
          text.split(LATIN_SEPARATORS).forEach(function (word) {
            if (word.length >= 3 && !seen[word]) {
              seen[word] = true;
              vocabulary.push(word);
            }
          });
        });
      });
      return vocabulary;
    }

    /** Damerau–Levenshtein distance (adjacent swaps count one), giving up above `limit`. */
    function distance(a, b, limit) {
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      var previous2 = null;
      var previous = [];
      for (var j = 0; j <= b.length; j += 1) previous.push(j);
      for (var i = 1; i <= a.length; i += 1) {
        var current = [i];
        var best = i;
        for (var k = 1; k <= b.length; k += 1) {
          var cost = a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1;
          var value = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost);
          if (previous2 && i > 1 && k > 1 && a.charAt(i - 1) === b.charAt(k - 2) && a.charAt(i - 2) === b.charAt(k - 1)) {
            value = Math.min(value, previous2[k - 2] + 1);
          }
          current.push(value);
          if (value < best) best = value;
        }
        if (best > limit) return limit + 1;
        previous2 = previous;
        previous = current;
      }
      return previous[b.length];
    }

    /** The query with each term no row contains replaced by the nearest word of the index, or null. */
    function suggestion(terms) {
      var changed = false;
      var list = words_();
      var fixed = terms.map(function (term) {
        if (term.length < 4 || !LATIN_WORD.test(term) || find([term]).length) return term;
        var limit = term.length >= 8 ? 2 : 1;
        var best = null;
        var bestDistance = limit + 1;
        for (var i = 0; i < list.length; i += 1) {
          var d = distance(term, list[i], Math.min(limit, bestDistance));
          if (d < bestDistance || (d === bestDistance && best && list[i].length < best.length)) {
            best = list[i];
            bestDistance = d;
          }
        }
        if (!best || bestDistance > limit) return term;
        changed = true;
        return best;
      });
      return changed ? fixed : null;
    }

    /** A piece of the body around the first of `terms` it holds, when the fields shown do not
        hold any: the reader sees why the record was found. */
    function excerpt(row, terms) {
      if (!row.body) return null;
      var shown = [row.titleKey, normalize([row.partners, row.place, row.summary].join('\n'))];
      if (terms.some(function (term) { return matchTerm(shown, term); })) return null;
      var mapped = normalizeWithMap(row.body);
      var at = -1;
      var length = 0;
      markTerms(terms).some(function (term) {
        at = mapped.text.indexOf(term);
        length = term.length;
        return at !== -1;
      });
      if (at === -1) return null;
      var start = mapped.starts[at];
      var end = mapped.ends[at + length - 1];
      var from = Math.max(0, start - 80);
      var to = Math.min(row.body.length, end + 120);
      /* Whole words at both ends of Latin text. */
      if (from > 0) {
        var space = row.body.indexOf(' ', from);
        if (space !== -1 && space < start) from = space + 1;
      }
      if (to < row.body.length) {
        var last = row.body.lastIndexOf(' ', to);
        if (last > end) to = last;
      }
      return (from > 0 ? '… ' : '') + row.body.slice(from, to) + (to < row.body.length ? ' …' : '');
    }

    /** Marks text in another language than the page's, as the record's own page does. */
    function inLanguage(node, lang) {
      if (lang && /^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(lang)) node.setAttribute('lang', lang);
      return node;
    }

    function renderResult(row, terms) {
      var marked = markTerms(terms);
      var item = element('li', 'entry search-result');
      var meta = element('p', 'entry-meta');
      if (row.date) meta.appendChild(element('span', 'entry-date', row.date));
      if (row.type) {
        if (row.date) meta.appendChild(doc.createTextNode(' '));
        meta.appendChild(element('span', 'tag', row.type));
      }

      /* The title first (a heading to jump to); the stylesheet shows the date and type above it. */
      var title = element('h3', 'entry-title');
      var url = safeURL(row.url);
      var link = element(url ? 'a' : 'span');
      if (url) link.setAttribute('href', url);
      link.appendChild(highlighted(row.title || row.url, marked));
      inLanguage(link, row.textLang);
      title.appendChild(link);
      item.appendChild(title);
      if (meta.firstChild) item.appendChild(meta);

      if (row.partners) item.appendChild(element('p', 'entry-partners', highlighted(row.partners, marked)));
      if (row.place) item.appendChild(inLanguage(element('p', 'entry-location', highlighted(row.place, marked)), row.textLang));
      if (row.summary) item.appendChild(inLanguage(element('p', 'entry-summary', highlighted(row.summary, marked)), row.textLang));
      var piece = excerpt(row, terms);
      if (piece) item.appendChild(inLanguage(element('p', 'entry-excerpt', highlighted(piece, marked)), row.bodyLang));
      return item;
    }

    var GROUPS = ['activities', 'partners', 'plans', 'pages'];

    function showSuggestion(original, fixed) {
      if (!suggestionBox) return;
      suggestionBox.textContent = '';
      suggestionBox.hidden = !fixed;
      if (!fixed) return;
      var text = fixed.join(' ');
      var template = suggestionBox.getAttribute('data-template') || '{suggestion}';
      var parts = format(template, { query: original }).split('{suggestion}');
      suggestionBox.appendChild(doc.createTextNode(parts[0]));
      var link = element('a', null, text);
      link.href = window.location.pathname + '?' + new URLSearchParams({ q: text }).toString();
      link.addEventListener('click', function (event) {
        event.preventDefault();
        input.value = text;
        run(true);
        input.focus();
      });
      suggestionBox.appendChild(link);
      if (parts.length > 1) suggestionBox.appendChild(doc.createTextNode(parts.slice(1).join('')));
    }

    function show(query) {
      var outcome = search(query);
      var results = outcome.results;
      var terms = outcome.terms;
      var fixed = null;
      if (terms.length && !results.length) {
        var candidate = suggestion(terms);
        var again = candidate ? find(candidate) : [];
        if (again.length) {
          fixed = candidate;
          results = again;
          terms = candidate;
        }
      }
      if (hint) hint.hidden = terms.length > 0;
      showSuggestion(query, fixed);
      var shown = results.slice(0, MAX_RESULTS);
      var fragment = doc.createDocumentFragment();
      GROUPS.forEach(function (kind) {
        var inGroup = shown.filter(function (result) { return result.row.kind === kind; });
        if (!inGroup.length) return;
        var section = element('section', 'search-group');
        var id = 'results-' + kind;
        section.setAttribute('aria-labelledby', id);
        var heading = element('h2', 'search-group-heading', list.getAttribute('data-group-' + kind) || kind);
        heading.id = id;
        heading.appendChild(doc.createTextNode(' '));
        heading.appendChild(element('span', 'count', String(inGroup.length)));
        section.appendChild(heading);
        var ol = element('ol', 'entries');
        inGroup.forEach(function (result) { ol.appendChild(renderResult(result.row, terms)); });
        section.appendChild(ol);
        fragment.appendChild(section);
      });
      list.textContent = '';
      list.appendChild(fragment);
      if (!outcome.terms.length) {
        say('');
      } else if (!results.length) {
        say(status.getAttribute('data-empty'));
      } else if (results.length > MAX_RESULTS && status.getAttribute('data-limited')) {
        say(format(status.getAttribute('data-limited'), { count: results.length, shown: MAX_RESULTS }));
      } else {
        var one = results.length === 1 && status.getAttribute('data-one');
        say(format(one || status.getAttribute('data-template'), { count: results.length }));
      }
    }

    function run(writeURL) {
      var query = input.value.trim();
      if (writeURL) {
        var params = currentParams();
        if (query) params.set('q', query); else params.delete('q');
        replaceQuery(params);
      }
      if (query === lastQuery && rows) return;
      lastQuery = query;
      if (!query) {
        list.textContent = '';
        say('');
        if (hint) hint.hidden = false;
        showSuggestion('', null);
        return;
      }
      if (rows) {
        show(query);
        return;
      }
      say(status.getAttribute('data-loading'));
      load().then(function () {
        if (input.value.trim() === query) show(query);
      }, function () {
        lastQuery = null;
        list.textContent = '';
        say(status.getAttribute('data-error'));
      });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(true); }, 120);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run(true);
    });
    /* Fetch the index as soon as someone shows an intent to search. */
    input.addEventListener('focus', function () {
      if (!rows && !failed) load().catch(function () {});
    });
    window.addEventListener('popstate', function () {
      input.value = currentParams().get('q') || '';
      run(false);
    });

    form.hidden = false;
    var initial = currentParams().get('q');
    if (initial) {
      input.value = initial;
      run(false);
    } else if (hint) {
      hint.hidden = false;
    }
  }

  /* ------------------------------------------------------------------
     Wide tables and code blocks scroll sideways: make them reachable by
     keyboard when (and only while) they overflow.
     ------------------------------------------------------------------ */
  function initScrollers() {
    var scrollers = all('.prose table, .prose pre');
    if (!scrollers.length) return;
    function update() {
      scrollers.forEach(function (element) {
        var overflows = element.scrollWidth > element.clientWidth + 1;
        if (overflows && !element.hasAttribute('tabindex')) {
          element.setAttribute('tabindex', '0');
          element.setAttribute('data-scroller', '');
        } else if (!overflows && element.hasAttribute('data-scroller')) {
          element.removeAttribute('tabindex');
          element.removeAttribute('data-scroller');
        }
      });
    }
    update();
    var timer = 0;
    window.addEventListener('resize', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 150);
    });
  }

  /* ------------------------------------------------------------------
     Menu on small screens: a disclosure button opens the navigation list.
     Without JavaScript the list wraps and every link shows.
     ------------------------------------------------------------------ */
  function initMenu() {
    var header = doc.getElementById('site-header');
    var button = doc.getElementById('menu-button');
    if (!header || !button) return;
    var narrow = window.matchMedia ? window.matchMedia('(max-width: 47.99em)') : null;

    function set(open, returnFocus) {
      header.classList.toggle('menu-open', open);
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (!open && returnFocus) button.focus();
    }

    button.addEventListener('click', function () {
      set(button.getAttribute('aria-expanded') !== 'true', false);
    });
    doc.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && header.classList.contains('menu-open')) set(false, true);
    });
    if (narrow) {
      var closeWhenWide = function () { if (!narrow.matches) set(false, false); };
      if (narrow.addEventListener) narrow.addEventListener('change', closeWhenWide);
    }
    button.hidden = false;
    header.classList.add('js-menu');
  }

  /** Printouts carry the page's address (in the page) and the day they were printed. */
  function initPrint() {
    var stamp = doc.querySelector('.print-date');
    if (!stamp) return;
    function fill() {
      var date = new Date();
      var text;
      try {
        text = new Intl.DateTimeFormat(doc.documentElement.lang || undefined, { dateStyle: 'long' }).format(date);
      } catch (error) {
        text = date.toISOString().slice(0, 10);
      }
      setText(stamp, '· ' + format(stamp.getAttribute('data-label') || '{date}', { date: text }));
    }
    fill();
    window.addEventListener('beforeprint', fill);
  }

  /* ------------------------------------------------------------------
     "Copy citation": the button is shown only where the clipboard can be written.
     ------------------------------------------------------------------ */
  function initCopyButtons() {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    all('button[data-copy]').forEach(function (button) {
      var source = doc.getElementById(button.getAttribute('data-copy'));
      if (!source) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          setText(button, button.getAttribute('data-copied') || label);
          window.setTimeout(function () { setText(button, label); }, 2000);
        });
      });
    });
  }

  /** The partners map: the hovered or focused country's name and activity count in a visible label
      over the map (`data-label` at `data-x`, `data-y`, in percent). Without JavaScript the list of
      partners under the map gives every name and count, and each country's <title> its tooltip. */
  function initMap() {
    all('.world-map .map-frame').forEach(function (frame) {
      var tip = frame.querySelector('.map-tooltip');
      if (!tip) return;
      var shown = null;
      function show(link) {
        var x = parseFloat(link.getAttribute('data-x')), y = parseFloat(link.getAttribute('data-y'));
        if (isNaN(x) || isNaN(y)) return;
        shown = link;
        setText(tip, link.getAttribute('data-label'));
        tip.style.left = x + '%';
        tip.style.top = y + '%';
        tip.classList.toggle('map-tooltip-start', x < 20);
        tip.classList.toggle('map-tooltip-end', x > 80);
        tip.classList.toggle('map-tooltip-below', y < 22);
        tip.hidden = false;
      }
      function hide(link) {
        if (link && link !== shown) return;
        shown = null;
        tip.hidden = true;
      }
      all('a[data-label]', frame).forEach(function (link) {
        link.addEventListener('mouseenter', function () { show(link); });
        link.addEventListener('mouseleave', function () { if (doc.activeElement !== link) hide(link); });
        link.addEventListener('focus', function () { show(link); });
        link.addEventListener('blur', function () { hide(link); });
      });
      doc.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && shown) hide();
      });
    });
  }

  function init() {
    initMap();
    initMenu();
    initPrint();
    initTimeline();
    initSearch();
    initScrollers();
    initCopyButtons();
  }

  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
