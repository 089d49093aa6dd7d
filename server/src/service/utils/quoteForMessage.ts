import { formatCount } from '../config/modelFacts';

/**
 * User text (a name, key, id, alias, uri) as a message quotes it: whole when short; else its start,
 * an ellipsis and its length. A 100,000-character `${VAR...}` name was echoed whole into a diagnostic,
 * the hover and the log. The quote marks, if any, are the message's own. The default length keeps
 * the longest real ids whole: a provider and an application inference profile's ARN take about 100.
 */
export function quoteForMessage(text: string, max = 160): string {
  if (text.length <= max) return text;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}… (${formatCount(text.length)} characters)`;
}
