/**
 * A number typed in a form, in any of the console's scripts: Persian
 * (۰–۹) and Arabic-Indic (٠–٩) digits read as ASCII ones, since a fa or
 * ar keyboard types them. Blank is "not given"; anything else is kept as
 * typed (NaN included) so that the schema names it.
 */
export function typedNumber(text: string): number | undefined {
  const ascii = asciiDigits(text.trim());
  return ascii === '' ? undefined : Number(ascii);
}

/** Persian and Arabic-Indic digits as ASCII ones (U+06F0 and U+0660 both end in the digit's value). */
export function asciiDigits(text: string): string {
  return text.replace(/[۰-۹٠-٩]/g, (d) => String(d.charCodeAt(0) & 0xf));
}
