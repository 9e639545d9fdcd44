/* global FullCalendar, document, window, fetch, URL */
// Boots the rota calendar on /rota. Plain JS, no build step: the page renders everything else
// (service choice, the add form, the list view) and works without this file.
(function () {
  'use strict';
  var el = document.getElementById('rota-calendar');
  if (!el || typeof FullCalendar === 'undefined') return;
  var data = el.dataset;
  var editable = data.editable === 'true';
  var status = document.getElementById('rota-status');
  var narrow = window.matchMedia('(max-width: 700px)').matches;

  // One aria-live region says what a drag did, or why the server refused it.
  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? 'error' : 'muted';
  }

  // Moves or stretches a shift through the JSON API; the server checks DST, overlaps and rights.
  function save(info) {
    var event = info.event;
    say('Enregistrement…', false);
    fetch('/api/shifts/' + encodeURIComponent(event.id), {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': data.csrf },
      body: JSON.stringify({ startsAt: event.startStr, endsAt: event.endStr }),
    })
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            return { ok: res.ok, body: body };
          });
      })
      .then(function (answer) {
        if (!answer.ok) {
          info.revert();
          say('Déplacement refusé : ' + (answer.body.message || 'erreur inconnue.'), true);
          return;
        }
        say(
          'Garde « ' +
            event.title +
            ' » enregistrée : ' +
            event.start.toLocaleString('fr-FR', {
              timeZone: data.zone,
              dateStyle: 'full',
              timeStyle: 'short',
            }) +
            '.',
          false,
        );
        // Gaps depend on every shift: ask the server again rather than guess.
        calendar.refetchEvents();
      })
      .catch(function () {
        info.revert();
        say('Déplacement non enregistré : le serveur ne répond pas.', true);
      });
  }

  // Selecting an empty range fills the add form below the calendar, which the manager then submits.
  function prefill(info) {
    var form = document.getElementById('ajouter');
    if (!form) return;
    form.open = true;
    document.getElementById('n-date').value = info.startStr.slice(0, 10);
    if (!info.allDay) {
      document.getElementById('n-start').value = info.startStr.slice(11, 16);
      document.getElementById('n-end').value = info.endStr.slice(11, 16);
    }
    calendar.unselect();
    document.getElementById('n-date').focus();
    say('Formulaire « Ajouter une garde » prérempli.', false);
  }

  // The month a view shows: the month of the middle of its visible days (a month grid starts and
  // ends in its neighbours; a week belongs to the month of its Thursday). Dates only, no zone maths.
  function dayNumber(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
  }
  function isoDay(n) {
    return new Date(n * 86400000).toISOString().slice(0, 10);
  }
  function shownMonth(info) {
    var start = dayNumber(info.startStr.slice(0, 10));
    var end = dayNumber(info.endStr.slice(0, 10));
    return isoDay(Math.floor((start + end - 1) / 2)).slice(0, 7);
  }

  // The toolbar (month field, list link, auto-fill) and the address follow the calendar: what the
  // manager acts on is the month on screen, and reloading or sharing the address opens it again.
  function follow(info) {
    var month = shownMonth(info);
    var week = info.view.type !== 'dayGridMonth';
    var last = isoDay(dayNumber(month + '-01') + 40).slice(0, 7) + '-01';
    last = isoDay(dayNumber(last) - 1);
    var monthField = document.getElementById('month');
    if (monthField) monthField.value = month;
    var autoFill = document.getElementById('rota-auto-fill');
    if (autoFill) autoFill.href = autoFill.dataset.base + '&from=' + month + '-01&to=' + last;
    var listLink = document.getElementById('rota-list-link');
    if (listLink) listLink.href = listLink.dataset.base + '&month=' + month + '&view=list';
    var printLink = document.getElementById('rota-print');
    if (printLink) printLink.href = printLink.dataset.base + '&mois=' + month;
    var exportLink = document.getElementById('rota-export');
    if (exportLink) exportLink.href = exportLink.dataset.base + '&month=' + month;
    el.setAttribute('data-month', month);
    // The first view is the one the address asked for: it stays as it was (date=, add=…).
    var first = !follow.seen;
    follow.seen = true;
    if (!first && window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      ['month', 'week', 'date', 'add', 'start', 'end', 'view'].forEach(function (k) {
        url.searchParams.delete(k);
      });
      if (week) url.searchParams.set('week', info.startStr.slice(0, 10));
      else url.searchParams.set('month', month);
      url.hash = '';
      window.history.replaceState(null, '', url.pathname + url.search);
    }
  }

  var calendar = new FullCalendar.Calendar(el, {
    locale: 'fr',
    timeZone: data.zone,
    now: data.now,
    initialDate: data.initialDate,
    initialView: narrow ? 'listWeek' : data.initialView,
    headerToolbar: narrow
      ? { start: 'prev,next', center: 'title', end: 'listWeek,dayGridMonth' }
      : { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,listWeek' },
    // FullCalendar 7 names each button's text (the French locale would call the list 'Planning').
    todayText: "Aujourd'hui",
    monthText: 'Mois',
    weekTextLong: 'Semaine',
    listText: 'Liste',
    height: 'auto',
    // Coloured blocks rather than dots: the level (or the red of a gap) reads at a glance.
    eventDisplay: 'block',
    scrollTime: '07:00:00',
    nowIndicator: true,
    events: {
      url: data.feed,
      failure: function () {
        say('Le planning n’a pas pu être chargé.', true);
      },
    },
    editable: editable,
    selectable: editable,
    // A shift is timed: dropping it on the all-day row would make no sense.
    eventAllow: function (drop) {
      return !drop.allDay;
    },
    eventDrop: save,
    eventResize: save,
    select: prefill,
    datesSet: follow,
    // The list (a phone's view): one line per shift with its full hours and name. FullCalendar
    // splits a night at midnight; its morning part is hidden, the evening line says 20:00–08:00.
    views: {
      listWeek: {
        displayEventTime: false,
        eventClass: function (arg) {
          return arg.isStart ? '' : 'rota-continued';
        },
        eventContent: function (arg) {
          var line = document.createElement('span');
          line.className = 'rota-list-line';
          line.textContent =
            arg.event.startStr.slice(11, 16) +
            '–' +
            arg.event.endStr.slice(11, 16) +
            ' · ' +
            arg.event.title;
          return { domNodes: [line] };
        },
      },
    },
    eventDidMount: function (info) {
      var props = info.event.extendedProps;
      if (info.event.id) info.el.setAttribute('data-shift', info.event.id);
      if (props.kind === 'open-shift') info.el.setAttribute('data-gap', 'open-shift');
      if (props.kind === 'gap') info.el.setAttribute('data-gap', 'uncovered');
      if (props.kind) info.el.setAttribute('data-kind', props.kind);
      if (props.mine) {
        info.el.setAttribute('data-mine', 'true');
        info.el.classList.add('rota-mine');
      }
      if (props.missingLevels) info.el.setAttribute('data-missing', props.missingLevels.join(','));
      info.el.setAttribute('title', info.event.title);
    },
  });
  calendar.render();
  window.rotaCalendar = calendar;
})();
