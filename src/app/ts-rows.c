/* ts-rows.c — rows the pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ts-rows.h"

/**
 * ts_info_row_new:
 * @subtitle: (nullable)
 * @value: (nullable): a short value shown at the end: a count, an encoding
 *
 * An action row whose texts are shown as they are — file names,
 * conditions and reasons hold "<" and "&" — with its value never cut.
 */
GtkWidget *
ts_info_row_new (const char *title,
                 const char *subtitle,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/**
 * ts_info_row_update:
 * @subtitle: (nullable)
 *
 * Gives the row new texts, touching only those that changed: a page that
 * refreshes its rows in place lays out again only what is new.
 */
void
ts_info_row_update (GtkWidget  *row,
                    const char *title,
                    const char *subtitle)
{
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle ? subtitle : "") != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
}

/**
 * ts_label_update:
 *
 * Sets @label's text when it differs.
 */
void
ts_label_update (GtkWidget  *label,
                 const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}
