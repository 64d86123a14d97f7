/* ts-cli-print.c — printf whose string widths are terminal columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands line their tables up with `%-16s` and `%8s`.  printf counts
 * those widths, and cuts `%.10s`, in bytes: "für", "—" or "Größe" are
 * narrower on the terminal than their bytes, so their rows sit a column or
 * two off the header, and a cut can fall inside a character.  Here a string
 * conversion's width and precision count the columns the text takes (wide
 * characters two, combining marks none), and a cut never splits a character.
 * Every other conversion is printf's own.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ts-cli.h"

/* Columns @c takes on a terminal. */
static guint
char_columns (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* Appends @s cut to @precision columns (-1: all) and padded to @width. */
static void
append_string (GString    *out,
               const char *s,
               gboolean    left,
               int         width,
               int         precision)
{
  const char *end = s;
  guint columns = 0;

  if (s == NULL)
    s = end = "(null)";
  while (*end)
    {
      const char *next = g_utf8_next_char (end);
      gunichar c = g_utf8_get_char_validated (end, next - end);
      guint w = c == (gunichar) -1 || c == (gunichar) -2 ? 1 : char_columns (c);

      if (precision >= 0 && columns + w > (guint) precision)
        break;
      columns += w;
      end = next;
    }
  if (!left)
    for (int i = (int) columns; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append_len (out, s, end - s);
  if (left)
    for (int i = (int) columns; i < width; i++)
      g_string_append_c (out, ' ');
}

/**
 * ts_cli_append_vprintf:
 * @out: where the text goes
 * @format: a printf format
 * @args: its arguments
 *
 * g_string_append_vprintf(), with string widths and precisions in terminal
 * columns.  A format with positional arguments (`%2$s`) is printf's own.
 */
void
ts_cli_append_vprintf (GString    *out,
                       const char *format,
                       va_list     args)
{
  const char *p = format;

  if (strchr (format, '$') != NULL)
    {
      g_string_append_vprintf (out, format, args);
      return;
    }

  while (*p)
    {
      const char *start = p;
      gboolean left = FALSE;
      int width = -1, precision = -1;
      int length = 0;     /* 0 none, 1 h, 2 hh, 3 l, 4 ll, 5 z, 6 j, 7 t, 8 L */

      if (*p != '%')
        {
          const char *next = strchr (p, '%');
          gsize n = next ? (gsize) (next - p) : strlen (p);
          g_string_append_len (out, p, n);
          p += n;
          continue;
        }
      p++;
      if (*p == '%')
        {
          g_string_append_c (out, '%');
          p++;
          continue;
        }
      while (*p && strchr ("-+ #0'", *p))
        left |= *p++ == '-';
      if (*p == '*')
        {
          width = va_arg (args, int);
          if (width < 0)
            {
              left = TRUE;
              width = -width;
            }
          p++;
        }
      else
        for (width = g_ascii_isdigit (*p) ? 0 : -1; g_ascii_isdigit (*p); p++)
          width = width * 10 + (*p - '0');
      if (*p == '.')
        {
          p++;
          if (*p == '*')
            {
              precision = va_arg (args, int);
              p++;
            }
          else
            for (precision = 0; g_ascii_isdigit (*p); p++)
              precision = precision * 10 + (*p - '0');
        }
      if (*p == 'h')
        length = p[1] == 'h' ? (p += 2, 2) : (p++, 1);
      else if (*p == 'l')
        length = p[1] == 'l' ? (p += 2, 4) : (p++, 3);
      else if (*p == 'z')
        length = (p++, 5);
      else if (*p == 'j')
        length = (p++, 6);
      else if (*p == 't')
        length = (p++, 7);
      else if (*p == 'L')
        length = (p++, 8);

      if (*p == '\0')
        {
          g_string_append (out, start);
          break;
        }
      if (*p == 's' && length == 0)
        {
          append_string (out, va_arg (args, const char *), left, width, precision);
          p++;
          continue;
        }

      /* any other conversion: printf's own, for its one argument, with
       * a star's width or precision written into the spec */
      {
        GString *s = g_string_sized_new (16);
        const char *q = start;

        for (; q <= p; q++)
          {
            if (*q != '*')
              g_string_append_c (s, *q);
            else if (q[-1] == '.')
              g_string_append_printf (s, "%d", precision);
            else
              g_string_append_printf (s, "%d", left ? -width : width);
          }
        /* the spec is a piece of the caller's format, which the compiler
         * checked against its arguments (G_GNUC_PRINTF) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        switch (*p)
          {
          case 'd': case 'i':
            if (length == 3)
              g_string_append_printf (out, s->str, va_arg (args, long));
            else if (length == 4)
              g_string_append_printf (out, s->str, va_arg (args, long long));
            else if (length == 5)
              g_string_append_printf (out, s->str, va_arg (args, gssize));
            else if (length == 6)
              g_string_append_printf (out, s->str, va_arg (args, intmax_t));
            else if (length == 7)
              g_string_append_printf (out, s->str, va_arg (args, ptrdiff_t));
            else
              g_string_append_printf (out, s->str, va_arg (args, int));
            break;
          case 'u': case 'x': case 'X': case 'o':
            if (length == 3)
              g_string_append_printf (out, s->str, va_arg (args, unsigned long));
            else if (length == 4)
              g_string_append_printf (out, s->str, va_arg (args, unsigned long long));
            else if (length == 5)
              g_string_append_printf (out, s->str, va_arg (args, gsize));
            else if (length == 6)
              g_string_append_printf (out, s->str, va_arg (args, uintmax_t));
            else if (length == 7)
              g_string_append_printf (out, s->str, va_arg (args, ptrdiff_t));
            else
              g_string_append_printf (out, s->str, va_arg (args, unsigned int));
            break;
          case 'f': case 'F': case 'g': case 'G': case 'e': case 'E': case 'a': case 'A':
            if (length == 8)
              g_string_append_printf (out, s->str, va_arg (args, long double));
            else
              g_string_append_printf (out, s->str, va_arg (args, double));
            break;
          case 'c':
            g_string_append_printf (out, s->str, va_arg (args, int));
            break;
          case 'p':
            g_string_append_printf (out, s->str, va_arg (args, void *));
            break;
          case 's':
            /* %ls: wide strings are not used here; printf's own */
            g_string_append_printf (out, s->str, va_arg (args, void *));
            break;
          default:
            /* not a conversion printf knows: the text as written */
            g_string_append (out, s->str);
            break;
          }
#pragma GCC diagnostic pop
        g_string_free (s, TRUE);
        p++;
      }
    }
}

/**
 * ts_cli_strdup_printf:
 * @format: a printf format
 * @...: its arguments
 *
 * A new string, formatted by ts_cli_append_vprintf().
 */
char *
ts_cli_strdup_printf (const char *format,
                      ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  ts_cli_append_vprintf (out, format, args);
  va_end (args);
  return g_string_free (out, FALSE);
}

/**
 * ts_cli_print:
 * @format: a printf format
 * @...: its arguments
 *
 * g_print(), with string widths and precisions in terminal columns.
 */
void
ts_cli_print (const char *format,
              ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  ts_cli_append_vprintf (out, format, args);
  va_end (args);
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}
