'use strict';
// The demo e-service's page: sign in (pretend), choose a company, and let the gateway fill the form.
// Everything the gateway says comes through POST /prefill, which calls the gateway's API over mutual TLS.

const $ = (id) => document.getElementById(id);
const PRODUCER_ERRORS = ['OtillgangligUppgiftskalla', 'Timeout', 'OgiltigtSvar', 'EjKomplettSvar', 'Odefinierad'];
let user = null;

function when(iso) {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
}

/** An item's value as the form writes it. */
function text(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(text).join('; ');
  if ('givenName' in value || 'surname' in value) return [value.givenName, value.surname].filter(Boolean).join(' ');
  if ('street' in value || 'postalCode' in value) {
    return [value.coAddress, value.street, [value.postalCode, value.city].filter(Boolean).join(' '),
      value.country && value.country !== 'Sverige' ? value.country : null].filter(Boolean).join(', ');
  }
  if ('text' in value) return value.text;
  return Object.values(value).filter((v) => typeof v !== 'object').join(' ');
}

/** Why an item is empty, in words for the applicant. */
function missing(item) {
  const e = item.error;
  if (e.type === 'EjBehorig' && /skyddad identitet/.test(e.description)) return 'Lämnas inte ut (skyddad identitet). Fyll i en adress där du kan nås.';
  if (e.type === 'EjBehorig') return 'E-tjänsten får inte hämta uppgiften. Fyll i själv.';
  if (PRODUCER_ERRORS.includes(e.type)) return 'Kunde inte hämtas från ' + item.producer + ' just nu. Fyll i själv.';
  if (e.type === 'UppgiftFinnsEj') return item.producer + ' har ingen uppgift. Fyll i själv om den finns.';
  return 'Kunde inte hämtas (' + e.type + '). Fyll i själv.';
}

function clearForm() {
  document.querySelectorAll('#application .field').forEach((field) => {
    field.classList.remove('filled');
    const input = field.querySelector('input');
    const note = field.querySelector('small');
    if (input && field.dataset.item) input.value = '';
    if (note) { note.textContent = ''; note.className = ''; }
  });
}

function show(message, kind) {
  $('status').textContent = message;
  $('status').className = kind;
}

function fill(answer) {
  clearForm();
  const person = answer.identity.type !== 'Organisationsnummer';
  $('owner').hidden = !person;
  $('f-identity').value = answer.identity.number + (answer.identity.namnskyddslopnummer ? ' (firma ' + answer.identity.namnskyddslopnummer + ')' : '');
  $('s-identity').textContent = 'Det du angav';
  let gaps = 0;
  for (const [code, item] of Object.entries(answer.items)) {
    const field = document.querySelector('#application .field[data-item="' + code + '"]');
    if (!field || (!person && (code === 'UD0020' || code === 'UD0023'))) continue;
    const note = field.querySelector('small');
    if (item.error) {
      note.textContent = missing(item);
      note.className = 'missing';
      gaps++;
    } else {
      field.querySelector('input').value = text(item.value);
      field.classList.add('filled');
      note.textContent = 'Från ' + item.producer + ', hämtad ' + when(item.retrievedAt);
    }
  }
  $('application').hidden = false;
  show(gaps === 0 ? 'Uppgifterna är hämtade. Kontrollera dem innan du skickar.'
    : 'Uppgifterna är hämtade, men ' + gaps + ' kunde inte fyllas i. Fyll i dem själv.', gaps === 0 ? 'ok' : 'partial');
}

/** A sole trader with several businesses: ask which one (the gateway lists their löpnummer). */
function chooseBusiness(answer) {
  const ambiguous = Object.values(answer.items).find((i) => i.error && i.error.type === 'TvetydigBegaran');
  const numbers = ((ambiguous.error.description.match(/namnskyddslopnummer ([\d, ]+)\)/) || [])[1] || '')
    .split(',').map((n) => n.trim()).filter(Boolean);
  $('choose-text').textContent = 'Personen har ' + numbers.length + ' enskilda firmor. Vilken ansöker?';
  $('lopnummer').replaceChildren(...numbers.map((n) => new Option('Firma ' + n, n)));
  $('choose-business').hidden = false;
  $('application').hidden = true;
  show('', '');
}

async function fetchFor(identity, lopnummer) {
  $('fetch').disabled = true;
  show('Hämtar …', '');
  try {
    const response = await fetch('/prefill', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identity, namnskyddslopnummer: lopnummer ? Number(lopnummer) : undefined, user }),
    });
    const result = await response.json();
    if (result.status === 200) {
      const answer = result.answer;
      if (!lopnummer && Object.values(answer.items).some((i) => i.error && i.error.type === 'TvetydigBegaran')) {
        chooseBusiness(answer);
      } else {
        $('choose-business').hidden = true;
        fill(answer);
      }
    } else if (result.status === 503) {
      show('Företagsuppgifterna kan inte hämtas just nu. Försök igen om en stund eller fyll i själv.', 'error');
    } else {
      show('Kunde inte hämta uppgifterna: ' + (result.answer.detail || 'okänt fel'), 'error');
    }
  } catch (e) {
    show('Kunde inte nå e-tjänstens server: ' + e.message, 'error');
  } finally {
    $('fetch').disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('click', () => {
    const [personnummer, namn] = $('person').value.split('|');
    user = { personnummer, namn };
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    $('signed-in').textContent = 'Inloggad: ' + namn + ' (' + personnummer + ')';
    $('company').hidden = false;
  });
  $('example').addEventListener('change', () => { $('identity').value = $('example').value; });
  $('fetch').addEventListener('click', () => {
    $('choose-business').hidden = true;
    fetchFor($('identity').value.trim(), null);
  });
  $('fetch-business').addEventListener('click', () => fetchFor($('identity').value.trim(), $('lopnummer').value));
});
