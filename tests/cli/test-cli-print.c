/* test-cli-print.c — touchstone-cli's tables line up in terminal columns:
 * string widths and cuts count characters as the terminal shows them, every
 * other conversion is printf's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ts-cli.h"

#define assert_printf(expected, ...) \
  G_STMT_START { \
    g_autofree char *got_ = ts_cli_strdup_printf (__VA_ARGS__); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_print_widths (void)
{
  /* padded by characters, not bytes: "für" is 4 bytes, "—" 3 */
  assert_printf ("für  |", "%-5s|", "für");
  assert_printf ("    —|", "%5s|", "—");
  assert_printf ("Größe     Wert", "%-10s%s", "Größe", "Wert");
  /* wide characters take two columns, combining marks none */
  assert_printf ("日本  |", "%-6s|", "日本");
  assert_printf ("e\xcc\x81  |", "%-3s|", "e\xcc\x81");
  /* a star's width, and a negative one left-aligns */
  assert_printf ("  ä|ö  |", "%*s|%*s|", 3, "ä", -3, "ö");
  /* longer than the width: all of it */
  assert_printf ("Kündigungsrate|", "%-4s|", "Kündigungsrate");
  /* NULL as printf writes it */
  assert_printf ("(null)", "%s", (const char *) NULL);
}

static void
test_print_cuts (void)
{
  /* a cut never splits a character */
  assert_printf ("äöü", "%.3s", "äöüß");
  assert_printf ("äö |", "%-3.2s|", "äöüß");
  assert_printf ("日", "%.3s", "日本");
  assert_printf ("ab", "%.*s", 2, "abc");
  /* invalid UTF-8 is kept, a byte a column */
  assert_printf ("a\xff" "b|", "%-3s|", "a\xff" "b");
}

static void
test_print_other_conversions (void)
{
  guint64 big = G_GUINT64_CONSTANT (18446744073709551615);

  assert_printf ("   42|-7  |+3", "%5d|%-4i|%+d", 42, -7, 3);
  assert_printf ("18446744073709551615 rows", "%" G_GUINT64_FORMAT " rows", big);
  assert_printf ("-9000000000", "%" G_GINT64_FORMAT, G_GINT64_CONSTANT (-9000000000));
  assert_printf ("12 ff 0x1f 17", "%zu %x %#x %o", (gsize) 12, 255u, 31u, 15u);
  assert_printf ("  3.14|2.5e+06|0.1", "%6.2f|%g|%.1f", 3.14159, 2.5e6, 0.1);
  assert_printf (" 58.5%|100%", "%5.1f%%|%d%%", 58.5, 100);
  assert_printf ("x|  7.0", "%c|%*.*f", 'x', 5, 1, 7.0);
  assert_printf ("plain text", "plain text");
  /* positional arguments: printf's own, as a translation may reorder */
  assert_printf ("b a", "%2$s %1$s", "a", "b");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-print/widths", test_print_widths);
  g_test_add_func ("/cli-print/cuts", test_print_cuts);
  g_test_add_func ("/cli-print/other-conversions", test_print_other_conversions);
  return g_test_run ();
}
