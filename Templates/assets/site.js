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
     Timeline filters: type, partner, region, year, over the full list.
     ------------------------------------------------------------------ */
  function initTimeline() {
    var form = doc.getElementById('timeline-filters');
    var timeline = doc.getElementById('timeline');
    if (!form || !timeline) return;

    var keys = ['type', 'partner', 'region', 'year'];
    var fields = {};
    keys.forEach(function (key) {
      var field = form.elements.namedItem(key);
      if (field) fields[key] = field;
    });

    var entries = all('.entry', timeline).map(function (element) {
      return {
        element: element,
        type: element.getAttribute('data-type') || '',
        partners: words(element.getAttribute('data-partners')),
        regions: words(element.getAttribute('data-regions')),
        year: element.getAttribute('data-year') || ''
      };
    });
    var months = all('.month', timeline);
    var years = all('.year', timeline);
    var yearLinks = all('.year-index li[data-year]');
    var status = form.querySelector('[role="status"]');
    var noResults = doc.getElementById('no-results');
    var total = entries.length;

    function state() {
      var result = {};
      keys.forEach(function (key) { result[key] = fields[key] ? fields[key].value : ''; });
      return result;
    }

    function matches(entry, filter) {
      return (!filter.type || entry.type === filter.type) &&
        (!filter.partner || entry.partners.indexOf(filter.partner) !== -1) &&
        (!filter.region || entry.regions.indexOf(filter.region) !== -1) &&
        (!filter.year || entry.year === filter.year);
    }

    /** Hides a group with no visible entry and writes its visible count. */
    function updateGroup(group, headingSelector) {
      var shown = all('.entry', group).filter(function (entry) { return !entry.hidden; }).length;
      group.hidden = shown === 0;
      setText(group.querySelector(headingSelector + ' .count-value'), String(shown));
      var noun = group.querySelector(headingSelector + ' .count-noun');
      if (noun) setText(noun, noun.getAttribute(shown === 1 ? 'data-one' : 'data-other') || noun.textContent);
      return shown;
    }

    function apply(writeURL) {
      var filter = state();
      var shown = 0;
      entries.forEach(function (entry) {
        var visible = matches(entry, filter);
        entry.element.hidden = !visible;
        if (visible) shown += 1;
      });
      months.forEach(function (month) { updateGroup(month, '.month-heading'); });
      years.forEach(function (year) { updateGroup(year, '.year-heading'); });
      yearLinks.forEach(function (item) {
        var section = timeline.querySelector('.year[data-year="' + item.getAttribute('data-year') + '"]');
        item.hidden = !!(section && section.hidden);
      });
      if (status) setText(status, format(status.getAttribute('data-template'), { shown: shown, total: total }));
      if (noResults) noResults.hidden = shown !== 0;
      if (writeURL) {
        var params = currentParams();
        keys.forEach(function (key) {
          if (filter[key]) params.set(key, filter[key]); else params.delete(key);
        });
        replaceQuery(params);
      }
    }

    /** Sets the fields from the address; values that are not options are ignored. */
    function restore() {
      var params = currentParams();
      keys.forEach(function (key) {
        var field = fields[key];
        if (!field) return;
        var wanted = params.get(key) || '';
        var known = Array.prototype.some.call(field.options, function (option) { return option.value === wanted; });
        field.value = known ? wanted : '';
      });
    }

    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply(true);
    });
    form.addEventListener('reset', function (event) {
      event.preventDefault();
      keys.forEach(function (key) { if (fields[key]) fields[key].value = ''; });
      apply(true);
    });
    window.addEventListener('popstate', function () {
      restore();
      apply(false);
    });

    restore();
    form.hidden = false;
    apply(false);
  }

  /* ------------------------------------------------------------------
     Search: client-side over data/search-index.json.
     Rows: [url, title, typeLabel, dateText, partnerNames, placeOrRegion, summary]
     ------------------------------------------------------------------ */
  var COMBINING = /[\u0300-\u036f]/g;
  var MAX_RESULTS = 50;

  function normalize(text) {
    return String(text || '').normalize('NFD').replace(COMBINING, '').toLowerCase();
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
    var position = 0;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], position);
      if (range[1] <= start) return;
      if (start > position) fragment.appendChild(doc.createTextNode(text.slice(position, start)));
      var mark = doc.createElement('mark');
      mark.textContent = text.slice(start, range[1]);
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
    if (!input || !list || !indexURL) return;

    var rows = null;
    var loading = null;
    var failed = false;
    var timer = 0;
    var lastQuery = null;

    function say(text) { setText(status, text || ''); }

    function prepare(row) {
      row = Array.isArray(row) ? row : [];
      return {
        url: row[0], title: row[1] || '', type: row[2] || '', date: row[3] || '',
        partners: row[4] || '', place: row[5] || '', summary: row[6] || '',
        titleKey: normalize(row[1]),
        restKey: normalize([row[4], row[5], row[6]].join('\n'))
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
      var whole = terms.join(' ');
      var found = [];
      if (!terms.length) return { terms: terms, results: found };
      for (var i = 0; i < rows.length; i += 1) {
        var row = rows[i];
        var score = 0;
        var ok = true;
        for (var j = 0; j < terms.length; j += 1) {
          var inTitle = row.titleKey.indexOf(terms[j]);
          if (inTitle !== -1) {
            score += inTitle === 0 ? 12 : 10;
          } else if (row.restKey.indexOf(terms[j]) !== -1) {
            score += 1;
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
      return { terms: terms, results: found };
    }

    function renderResult(row, terms) {
      var item = element('li', 'entry search-result');
      var meta = element('p', 'entry-meta');
      if (row.date) meta.appendChild(element('span', 'entry-date', row.date));
      if (row.type) {
        if (row.date) meta.appendChild(doc.createTextNode(' '));
        meta.appendChild(element('span', 'tag', row.type));
      }
      if (meta.firstChild) item.appendChild(meta);

      var title = element('h2', 'entry-title');
      var url = safeURL(row.url);
      var link = element(url ? 'a' : 'span');
      if (url) link.setAttribute('href', url);
      link.appendChild(highlighted(row.title || row.url, terms));
      title.appendChild(link);
      item.appendChild(title);

      if (row.partners) item.appendChild(element('p', 'entry-partners', highlighted(row.partners, terms)));
      if (row.place) item.appendChild(element('p', 'entry-location', highlighted(row.place, terms)));
      if (row.summary) item.appendChild(element('p', 'entry-summary', highlighted(row.summary, terms)));
      return item;
    }

    function show(query) {
      var outcome = search(query);
      var results = outcome.results;
      var fragment = doc.createDocumentFragment();
      results.slice(0, MAX_RESULTS).forEach(function (result) {
        fragment.appendChild(renderResult(result.row, outcome.terms));
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

  function init() {
    initMenu();
    initPrint();
    initTimeline();
    initSearch();
    initScrollers();
  }

  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
