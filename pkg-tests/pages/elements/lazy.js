// The elements registered with no element on the page; the test adds them one at a time with
// addElement(name) and watches which plugin packages load. Plugins load from the <meta> base URL.
import './events.js';
import '/elements/index.js';
import { cart, clinic, consentRequest, planRequest } from './samples.js';

const MAKE = {
  'phi-lint': () => {
    const element = document.createElement('medspa-phi-lint');
    element.setAttribute('for', 'message');
    element.setAttribute('channel', 'sms');
    return element;
  },
  'series-planner': () => Object.assign(document.createElement('medspa-series-planner'), { clinic, request: planRequest }),
  'consent-checklist': () => Object.assign(document.createElement('medspa-consent-checklist'), { request: consentRequest }),
  'package-quote': () => Object.assign(document.createElement('medspa-package-quote'), { cart }),
};

window.addElement = (name) => {
  const element = MAKE[name]();
  element.id = name;
  document.querySelector('#elements').append(element);
};
document.body.dataset.ready = '1';
