/**
 * A number typed in a form, in any of the console's scripts: Persian
 * (۰–۹) and Arabic-Indic (٠–٩) digits read as ASCII ones, since a fa or
 * ar keyboard types them. Blank is "not given"; anything else is kept as
 * typed (NaN included) so that the schema names it.
 */
export function typedNumber(text: string): number | undefined {
  const ascii = text.trim().replace(/[۰-۹٠-٩]/g, (d) => String(d.charCodeAt(0) & 0xf));
  return ascii === '' ? undefined : Number(ascii);
}
