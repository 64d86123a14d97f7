/* test-salesforce-plugin.c — the Salesforce data source, loaded as a plugin from the build tree
 *
 * Fixtures: tests/data/salesforce/, written by make-fixtures.py there (a
 * weekly Data Export as a folder and as WE_<OrgId>_1.ZIP, Data Loader
 * extracts, a report with its footer, REST JSON, and bad zips).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <touchstone.h>

#define EXPORT_ZIP "WE_00D5g00000TouchEAB_1.ZIP"

/* 18-character Ids of the fixtures (the checksum computed by hand) */
#define ANA    "0035g00000AnaSzAAJ"
#define BOB    "0035g00000BobLeAAJ"
#define CARLA  "0035g00000CarlaAAB"
#define INITECH "0015g00000InitcAAB"
#define CASE1  "5005g00000Case1AAB"
#define CASE2  "5005g00000Case2AAB"
#define CASE3  "5005g00000Case3AAB"
#define CASE4  "5005g00000Case4AAB"
#define CASE8  "5005g00000Case8AAB"

static TsPluginManager *plugins;

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  va_list args;

  g_ptr_array_add (parts, (char *) (srcdir ? srcdir : "."));
  g_ptr_array_add (parts, "data");
  g_ptr_array_add (parts, "salesforce");
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) a);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static TsMapping *
mapping_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  TsMapping *mapping = ts_mapping_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mapping);
  return mapping;
}

static TsDataset *
import_full (const char *const *paths,
             TsMapping         *mapping)
{
  g_autoptr(GError) error = NULL;
  TsDataset *ds = ts_importer_import (plugins, paths, mapping, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static TsDataset *
import_ok (const char *sub,
           const char *name,
           TsMapping  *mapping)
{
  g_autofree char *path = name ? data_path (sub, name, NULL) : data_path (sub, NULL);
  const char *paths[] = { path, NULL };

  return import_full (paths, mapping);
}

static TsTime
iso (const char *s)
{
  TsTime t = 0;
  g_assert_true (ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, &t));
  return t;
}

static int
customer (TsDataset  *ds,
          const char *key)
{
  int row = ts_dataset_find_customer (ds, key);

  if (row < 0)
    g_error ("no customer “%s”", key);
  return row;
}

static const char *
customer_str (TsDataset       *ds,
              int              row,
              TsCustomerField  field)
{
  const guint32 *col = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, field);
  return ts_dataset_get_string (ds, col[row]);
}

static int
case_row (TsDataset  *ds,
          const char *case_id)
{
  const TsCases *c = ts_dataset_get_cases (ds);

  for (guint i = 0; i < c->n_rows; i++)
    if (g_strcmp0 (ts_dataset_get_string (ds, c->case_id[i]), case_id) == 0)
      return (int) i;
  g_error ("no case “%s”", case_id);
  return -1;
}

static guint
n_of (const guint32 *by_customer,
      int            row)
{
  return by_customer[row + 1] - by_customer[row];
}

static gboolean
has_problem (TsDataset  *ds,
             const char *path_suffix,
             guint64     line,
             guint       column,
             const char *needle)
{
  GPtrArray *problems = ts_dataset_get_problems (ds);

  for (guint i = 0; i < problems->len; i++)
    {
      TsProblem *p = problems->pdata[i];
      if ((path_suffix == NULL || (p->path && g_str_has_suffix (p->path, path_suffix))) &&
          (line == 0 || p->line == line) && (column == 0 || p->column == column) &&
          strstr (p->message, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static TsSourceInfo *
only_source (TsDataset *ds)
{
  GPtrArray *sources = ts_dataset_get_sources (ds);

  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (ts_source_info_get_plugin_id (sources->pdata[0]), ==, "salesforce");
  return sources->pdata[0];
}

/* ---------------------------------------------------------------------- */
/* discovery and probing                                                  */

static void
test_discovery (void)
{
  TsSource *sf = ts_plugin_manager_find_source (plugins, "salesforce");

  g_assert_nonnull (sf);
  g_assert_cmpstr (ts_source_get_name (sf), ==, "Salesforce");
  g_assert_true (g_strv_contains (ts_source_get_patterns (sf), "*.zip"));
  for (guint i = 0; i < ts_plugin_manager_get_problems (plugins)->len; i++)
    {
      TsProblem *p = ts_plugin_manager_get_problems (plugins)->pdata[i];
      g_assert_null (strstr (p->message, "salesforce"));
    }
}

static TsSource *
winner (const char *path,
        guint      *confidence)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  return ts_plugin_manager_probe (plugins, file, confidence, NULL);
}

static void
test_probe (void)
{
  TsSource *sf = ts_plugin_manager_find_source (plugins, "salesforce");
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  g_autofree char *evil = data_path ("evil.zip", NULL);
  g_autofree char *contact = data_path ("export", "Contact.csv", NULL);
  g_autofree char *dataloader = data_path ("dataloader", "extract.csv", NULL);
  g_autofree char *json = data_path ("rest", "query.json", NULL);
  g_autofree char *folder = data_path ("export", NULL);
  g_autofree char *parent = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autofree char *generic = g_test_build_filename (G_TEST_DIST, "data", "quirks",
                                                    "customers-bom.csv", NULL);
  g_autoptr(GFile) generic_file = g_file_new_for_path (generic);
  g_autoptr(GFile) parent_file = g_file_new_for_path (parent);
  guint confidence = 0;

  g_assert_true (winner (zip, &confidence) == sf);
  g_assert_cmpuint (confidence, >=, 90);
  /* a zip with an unsafe entry is still ours: the import refuses it, loudly */
  g_assert_true (winner (evil, &confidence) == sf);
  /* a Salesforce object's CSV beats the generic CSV plugin (80) */
  g_assert_true (winner (contact, &confidence) == sf);
  g_assert_cmpuint (confidence, ==, 85);
  g_assert_true (winner (dataloader, &confidence) == sf);
  g_assert_cmpuint (confidence, ==, 85);
  g_assert_true (winner (json, &confidence) == sf);
  g_assert_cmpuint (confidence, ==, 90);
  /* the unpacked export folder, not a folder that merely holds one below */
  g_assert_true (winner (folder, &confidence) == sf);
  g_assert_cmpuint (confidence, >=, 70);
  g_assert_cmpuint (ts_source_probe (sf, parent_file, NULL), ==, 0);
  /* a generic CSV is not ours */
  g_assert_cmpuint (ts_source_probe (sf, generic_file, NULL), ==, 0);
}

static gboolean
rows_have (GPtrArray  *rows,
           const char *a,
           const char *b)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      if (row[0] && g_str_equal (row[0], a) && row[1] && g_str_equal (row[1], b))
        return TRUE;
    }
  return FALSE;
}

static void
test_preview (void)
{
  TsSource *sf = ts_plugin_manager_find_source (plugins, "salesforce");
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  g_autofree char *json = data_path ("rest", "query.json", NULL);
  g_autofree char *csv = data_path ("dataloader", "extract.csv", NULL);
  g_autoptr(GFile) zip_file = g_file_new_for_path (zip);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ts_source_preview (sf, zip_file, NULL, 0, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  /* a zip: its entries and the object of each */
  g_assert_no_error (error);
  g_assert_true (rows_have (entries, "entry", "object"));
  g_assert_true (rows_have (entries, "Case.csv", "Case"));
  g_assert_true (rows_have (entries, "SurveyQuestionResponse.csv", "SurveyQuestionResponse"));
  /* JSON: the records' own fields, the object first */
  records = ts_source_preview (sf, json_file, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((char **) records->pdata[0])[0], ==, "attributes.type");
  g_assert_cmpstr (((char **) records->pdata[1])[0], ==, "Contact");
  g_assert_cmpstr (((char **) records->pdata[2])[0], ==, "Case");
  /* CSV: as written */
  lines = ts_source_preview (sf, csv_file, NULL, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (((char **) lines->pdata[0])[0], ==, "ID");
}

/* ---------------------------------------------------------------------- */
/* values                                                                 */

static void
test_ids_15_to_18 (void)
{
  g_autoptr(TsDataset) ds = import_ok ("dataloader", "contacts-extract.csv", NULL);
  int dana;

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 2);
  /* the documented pair, and a contact Id given in 15 characters */
  dana = customer (ds, "003D000000QrStUIAV");
  g_assert_cmpstr (customer_str (ds, dana, TS_CUSTOMER_ID), ==, "003D000000QrStUIAV");
  g_assert_cmpstr (customer_str (ds, dana, TS_CUSTOMER_ACCOUNT_ID), ==, "001D000000IqhSLIAZ");
  /* the 15-character form finds the same customer */
  g_assert_cmpint (ts_dataset_find_customer (ds, "003D000000QrStU"), ==, dana);
}

static void
test_null_lookup (void)
{
  g_autoptr(TsDataset) dl = import_ok ("dataloader", "contacts-extract.csv", NULL);
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsCustomers *c = ts_dataset_get_customers (dl);
  int fox = customer (dl, "003D000000QrStVIAV");

  /* ACCOUNTID 000000000000000AAA is no account */
  g_assert_cmpuint (c->account_id[fox], ==, TS_STR_NULL);
  /* and no customer: the export's empty lookups (MasterRecordId, AccountId of case 3) */
  g_assert_cmpint (ts_dataset_find_customer (ds, "000000000000000AAA"), <, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "000000000000000"), <, 0);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);
}

static void
test_offsets_without_colon (void)
{
  g_autoptr(TsDataset) dl = import_ok ("dataloader", "contacts-extract.csv", NULL);
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsTouches *t = ts_dataset_get_touches (ds);
  int bob = customer (ds, BOB);
  gboolean found = FALSE;

  /* CREATEDDATE 2023-01-15T10:22:31.000+0000 */
  g_assert_cmpint (ts_dataset_get_customers (dl)->created_at[customer (dl, "003D000000QrStUIAV")],
                   ==, iso ("2023-01-15T10:22:31Z"));
  /* Task.CompletedDateTime 2023-02-02T10:00:00.000+0000 */
  for (guint i = t->by_customer[bob]; i < t->by_customer[bob + 1]; i++)
    found |= t->at[i] == iso ("2023-02-02T10:00:00Z") &&
             g_strcmp0 (ts_dataset_get_string (ds, t->channel[i]), "email") == 0;
  g_assert_true (found);
}

static void
test_date_only_not_shifted (void)
{
  /* a zone for zone-less times must not move date fields */
  g_autoptr(TsMapping) mapping = mapping_from ("{\"time_zone\": \"America/Los_Angeles\"}");
  g_autoptr(TsDataset) report = import_ok ("report", "Opportunity.csv", mapping);
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, mapping);
  const TsEvents *e = ts_dataset_get_events (report);
  const TsTouches *t = ts_dataset_get_touches (ds);
  int ana = customer (ds, ANA);
  gboolean found = FALSE;

  g_assert_cmpuint (e->n_rows, ==, 1);
  g_assert_cmpint (e->at[0], ==, iso ("2023-07-01T00:00:00Z"));   /* CloseDate 2023-07-01 */
  /* Task.ActivityDate 2023-01-20 (no CompletedDateTime) */
  for (guint i = t->by_customer[ana]; i < t->by_customer[ana + 1]; i++)
    found |= t->at[i] == iso ("2023-01-20T00:00:00Z");
  g_assert_true (found);
  /* and the renewal date from a won renewal's CloseDate */
  g_assert_cmpint (ts_dataset_get_customers (ds)->renewal_at[ana], ==,
                   iso ("2024-01-31T00:00:00Z"));
}

static void
test_dataloader_headers_any_case (void)
{
  g_autoptr(TsDataset) ds = import_ok ("dataloader", "extract.csv", NULL);
  const TsCases *c = ts_dataset_get_cases (ds);
  TsSourceInfo *info = only_source (ds);
  int k8, k9;

  /* "ID","CONTACTID"…: the object from the Id's key prefix (500: Case) */
  g_assert_cmpstr (ts_source_info_get_detail (info, "objects"), ==, "Case 2");
  g_assert_cmpuint (c->n_rows, ==, 2);
  k8 = case_row (ds, CASE8);
  k9 = case_row (ds, "5005g00000Case9AAB");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->status[k8]), ==, "Closed");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->priority[k8]), ==, "High");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->origin[k8]), ==, "Web");
  g_assert_cmpint (c->opened_at[k8], ==, iso ("2023-08-01T10:00:00Z"));
  g_assert_cmpint (c->closed_at[k8], ==, iso ("2023-08-02T10:00:00Z"));
  g_assert_cmpuint (c->escalated[k8], ==, 0);
  g_assert_cmpuint (c->escalated[k9], ==, 1);
  g_assert_cmpint (c->closed_at[k9], ==, TS_TIME_NULL);
  /* CONTACTID in 15 characters refers to the 18-character customer */
  g_assert_cmpint (c->customer[k8], ==, customer (ds, ANA));
}

static void
test_bom_crlf (void)
{
  g_autofree char *path = data_path ("export", "Contact.csv", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(TsDataset) ds = import_full (paths, NULL);
  const TsCustomers *c;
  int ana;

  /* the BOM did not end up in the "Id" header; CRLF inside quotes kept the record whole */
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 3);
  ana = customer (ds, ANA);
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_NAME), ==, "Ana Souza");
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  c = ts_dataset_get_customers (ds);
  g_assert_cmpuint (c->consent[0][ana], ==, TS_CONSENT_GRANTED);   /* e-mail: not opted out */
  g_assert_cmpuint (c->consent[2][ana], ==, TS_CONSENT_DENIED);    /* phone: DoNotCall */
  g_assert_cmpuint (c->consent[0][customer (ds, BOB)], ==, TS_CONSENT_DENIED);
}

static void
test_report_footer (void)
{
  g_autoptr(TsDataset) ds = import_ok ("report", "Opportunity.csv", NULL);

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 1);
  g_assert_true (has_problem (ds, "Opportunity.csv", 4, 0, "report footer"));
  g_assert_false (has_problem (ds, NULL, 0, 0, "fields where the header has"));
  g_assert_cmpuint (ts_source_info_get_records (only_source (ds)), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                   */

static void
test_rest_json (void)
{
  g_autoptr(TsDataset) ds = import_ok ("rest", "query.json", NULL);
  const TsCases *c = ts_dataset_get_cases (ds);
  int zoe = customer (ds, "0035g00000ZoeMuAAJ");
  int k;

  g_assert_cmpstr (customer_str (ds, zoe, TS_CUSTOMER_NAME), ==, "Zoë Müller");
  g_assert_cmpstr (customer_str (ds, zoe, TS_CUSTOMER_EMAIL), ==, "zoe@example.com");
  g_assert_cmpstr (customer_str (ds, zoe, TS_CUSTOMER_ACCOUNT_ID), ==, "0015g00000Acme1AAB");
  g_assert_cmpint (ts_dataset_get_customers (ds)->created_at[zoe], ==,
                   iso ("2012-07-12T17:49:01Z"));

  /* the case's Id only in attributes.url; its comment from the child subquery */
  g_assert_cmpuint (c->n_rows, ==, 1);
  k = case_row (ds, "5005g00000CaseRAAR");
  g_assert_cmpint (c->customer[k], ==, zoe);
  g_assert_cmpint (c->opened_at[k], ==, iso ("2012-07-13T08:00:00Z"));
  g_assert_cmpint (c->first_response_at[k], ==, iso ("2012-07-13T08:30:00Z"));
  g_assert_cmpint (c->closed_at[k], ==, iso ("2012-07-14T09:00:00Z"));
  g_assert_cmpuint (c->escalated[k], ==, 1);
  /* a multi-select value keeps its first value */
  g_assert_cmpstr (ts_dataset_get_string (ds, c->category[k]), ==, "Feedback");
  g_assert_cmpuint (ts_source_info_get_records (only_source (ds)), ==, 3);
}

static void
test_bad_json (void)
{
  g_autofree char *path = data_path ("rest", "bad.json", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = ts_importer_import (plugins, paths, NULL, NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "bad.json:3:"));
}

/* ---------------------------------------------------------------------- */
/* the export                                                             */

static void
test_first_response (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsCases *c = ts_dataset_get_cases (ds);
  int k1 = case_row (ds, CASE1), k2 = case_row (ds, CASE2);
  int k3 = case_row (ds, CASE3), k4 = case_row (ds, CASE4);

  g_assert_cmpuint (c->n_rows, ==, 4);
  /* the published comment at 11:00, not the internal one at 10:30 */
  g_assert_cmpint (c->first_response_at[k1], ==, iso ("2023-01-15T11:00:00Z"));
  /* the outgoing e-mail at 09:15, not the customer's at 08:30 */
  g_assert_cmpint (c->first_response_at[k2], ==, iso ("2023-02-01T09:15:00Z"));
  /* the history row moving Status away from New */
  g_assert_cmpint (c->first_response_at[k3], ==, iso ("2023-03-01T12:45:00Z"));
  /* an owner assigned at creation is no response */
  g_assert_cmpint (c->first_response_at[k4], ==, TS_TIME_NULL);

  g_assert_cmpint (c->opened_at[k1], ==, iso ("2023-01-15T10:22:31Z"));
  g_assert_cmpint (c->closed_at[k1], ==, iso ("2023-01-16T09:02:11Z"));
  g_assert_cmpint (c->closed_at[k2], ==, TS_TIME_NULL);
  g_assert_cmpstr (ts_dataset_get_string (ds, c->category[k1]), ==, "Breakdown");    /* Reason */
  g_assert_cmpstr (ts_dataset_get_string (ds, c->category[k3]), ==, "Mechanical");   /* Type */
  g_assert_cmpuint (c->escalated[k2], ==, 1);
  g_assert_cmpfloat (c->reopened_count[k3], ==, 1.0);
  g_assert_cmpfloat (c->reopened_count[k1], ==, 0.0);
}

static const char *
s (TsDataset *ds,
   guint32    id)
{
  return ts_dataset_get_string (ds, id);
}

static void
test_touch_channels (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsTouches *t = ts_dataset_get_touches (ds);
  int ana = customer (ds, ANA), bob = customer (ds, BOB);
  guint phone = 0, service_meeting = 0, list_email = 0;
  guint direct_email = 0, event_meeting = 0, member = 0;

  g_assert_cmpuint (t->n_rows, ==, 7);
  g_assert_cmpuint (n_of (t->by_customer, ana), ==, 4);
  g_assert_cmpuint (n_of (t->by_customer, bob), ==, 3);
  for (guint i = 0; i < t->n_rows; i++)
    {
      const char *channel = s (ds, t->channel[i]);
      const char *kind = s (ds, t->kind[i]);
      const char *campaign = s (ds, t->campaign[i]);
      gboolean of_ana = t->customer[i] == (guint) ana;
      gboolean of_bob = t->customer[i] == (guint) bob;

      g_assert_cmpuint (t->promise[i], ==, TS_STR_NULL);
      if (g_str_equal (channel, "phone") && g_str_equal (kind, "sales"))
        phone++;   /* Task Call */
      else if (g_str_equal (channel, "meeting") && g_str_equal (kind, "service"))
        service_meeting++;   /* Task Meeting on a case */
      else if (g_str_equal (channel, "email") && g_str_equal (kind, "marketing") && of_ana)
        {
          list_email++;   /* ListEmail on a campaign */
          g_assert_cmpstr (campaign, ==, "Spring Launch");
        }
      else if (g_str_equal (channel, "email") && g_str_equal (kind, "sales") && of_ana)
        {
          direct_email++;   /* an EmailMessage not on a case, to Ana@Example.com */
          g_assert_cmpint (t->at[i], ==, iso ("2023-02-20T14:00:00Z"));
        }
      else if (g_str_equal (channel, "meeting") && of_bob)
        {
          event_meeting++;
          g_assert_cmpint (t->at[i], ==, iso ("2023-02-10T15:00:00Z"));
        }
      else if (g_str_equal (channel, "email") && g_str_equal (kind, "marketing") && of_bob)
        {
          member++;   /* CampaignMember of an Email campaign */
          g_assert_cmpstr (campaign, ==, "Spring Launch");
          g_assert_cmpint (t->at[i], ==, iso ("2023-03-10T09:00:00Z"));
        }
    }
  g_assert_cmpuint (phone, ==, 1);
  g_assert_cmpuint (service_meeting, ==, 1);
  g_assert_cmpuint (list_email, ==, 1);
  g_assert_cmpuint (direct_email, ==, 1);
  g_assert_cmpuint (event_meeting, ==, 1);
  g_assert_cmpuint (member, ==, 1);
}

static void
test_opportunities (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsEvents *e = ts_dataset_get_events (ds);
  const TsCustomers *c = ts_dataset_get_customers (ds);
  int ana = customer (ds, ANA), carla = customer (ds, CARLA);
  guint i;

  g_assert_cmpuint (e->n_rows, ==, 4);
  /* the account's opportunities are its primary (first) contact's */
  g_assert_cmpuint (n_of (e->by_customer, ana), ==, 2);
  i = e->by_customer[ana];
  g_assert_cmpstr (s (ds, e->name[i]), ==, "opportunity_closed_won");
  g_assert_cmpint (e->at[i], ==, iso ("2023-06-30T00:00:00Z"));
  g_assert_cmpfloat (e->value[i], ==, 3000.0);
  g_assert_cmpint (e->at[i + 1], ==, iso ("2024-01-31T00:00:00Z"));
  g_assert_nonnull (strstr (s (ds, e->properties[i + 1]), "\"stage\":\"Closed Won\""));
  g_assert_cmpuint (n_of (e->by_customer, carla), ==, 2);
  i = e->by_customer[carla];
  g_assert_cmpstr (s (ds, e->name[i]), ==, "opportunity_proposal_price_quote");
  g_assert_cmpint (e->at[i], ==, iso ("2023-04-01T12:00:00Z"));   /* open: LastModifiedDate */
  g_assert_cmpfloat (e->value[i], ==, 8000.0);
  g_assert_cmpstr (s (ds, e->name[i + 1]), ==, "opportunity_closed_lost");
  g_assert_cmpint (e->at[i + 1], ==, iso ("2023-05-15T00:00:00Z"));

  /* the account's fields on its contacts */
  g_assert_cmpfloat (c->value[ana], ==, 15000.0);   /* won amounts */
  g_assert_true (isnan (c->value[carla]));
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_STAGE), ==, "Customer - Direct");
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_SEGMENT), ==, "Manufacturing");
  /* Industry "Energy;Utilities": the first value */
  g_assert_cmpstr (customer_str (ds, carla, TS_CUSTOMER_SEGMENT), ==, "Energy");
  /* an account with no contacts is a customer itself; its contract gives the renewal */
  g_assert_cmpint (c->renewal_at[customer (ds, INITECH)], ==, iso ("2024-06-30T00:00:00Z"));
}

static void
test_survey_responses (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsResponses *r = ts_dataset_get_responses (ds);
  int ana = customer (ds, ANA), bob = customer (ds, BOB);
  guint i;

  g_assert_cmpuint (r->n_rows, ==, 2);
  g_assert_cmpuint (n_of (r->by_customer, ana), ==, 1);
  i = r->by_customer[ana];
  g_assert_cmpfloat (r->score[i], ==, 9.0);
  g_assert_cmpstr (s (ds, r->kind[i]), ==, "nps");
  g_assert_cmpstr (s (ds, r->comment[i]), ==, "Great support");
  g_assert_cmpint (r->at[i], ==, iso ("2023-05-01T10:00:00Z"));
  /* submitted by a user: the invitation's contact */
  g_assert_cmpuint (n_of (r->by_customer, bob), ==, 1);
  g_assert_cmpfloat (r->score[r->by_customer[bob]], ==, 4.0);
}

static void
test_custom_object_mapped (void)
{
  g_autoptr(TsMapping) mapping =
    mapping_from ("{\"columns\": {\"Contact__c\": \"customer_id\", \"Score__c\": \"score\","
                  " \"Submitted__c\": \"at\", \"Comment__c\": \"comment\"},"
                  " \"constants\": {\"kind\": \"nps\"}}");
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, mapping);
  const TsResponses *r = ts_dataset_get_responses (ds);
  int ana = customer (ds, ANA), carla = customer (ds, CARLA);
  gboolean found = FALSE;

  g_assert_cmpuint (r->n_rows, ==, 4);
  /* Contact__c in 15 characters */
  for (guint i = r->by_customer[ana]; i < r->by_customer[ana + 1]; i++)
    if (r->score[i] == 10.0)
      {
        found = TRUE;
        g_assert_cmpstr (s (ds, r->kind[i]), ==, "nps");
        g_assert_cmpstr (s (ds, r->comment[i]), ==, "Love it");
        g_assert_cmpint (r->at[i], ==, iso ("2023-06-01T08:00:00Z"));
      }
  g_assert_true (found);
  g_assert_cmpuint (n_of (r->by_customer, carla), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* identities                                                             */

static void
test_identity_id (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  const TsCases *c = ts_dataset_get_cases (ds);
  int ana = customer (ds, ANA), bob = customer (ds, BOB), initech = customer (ds, INITECH);

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 4);
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_ID), ==, ANA);
  /* the first of the two rows with Ana's Id */
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  /* case 1 by ContactId, case 3 by SuppliedEmail */
  g_assert_cmpuint (n_of (c->by_customer, ana), ==, 2);
  /* case 2 names the merged contact: it is Bob's */
  g_assert_cmpuint (n_of (c->by_customer, bob), ==, 1);
  g_assert_cmpint (c->customer[case_row (ds, CASE2)], ==, bob);
  g_assert_cmpint (ts_dataset_find_customer (ds, "bob.old@example.org"), <, 0);
  /* case 4 names only an account without contacts */
  g_assert_cmpint (c->customer[case_row (ds, CASE4)], ==, initech);
  g_assert_cmpstr (customer_str (ds, initech, TS_CUSTOMER_NAME), ==, "Initech");
  g_assert_cmpstr (customer_str (ds, customer (ds, CARLA), TS_CUSTOMER_ACCOUNT_ID), ==,
                   "0015g00000GlobxAAB");
}

static void
test_identity_email (void)
{
  g_autoptr(TsMapping) mapping = mapping_from ("{\"identity\": \"email\"}");
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  g_autofree char *other = data_path ("dataloader", "extract.csv", NULL);
  const char *paths[] = { zip, other, NULL };
  g_autoptr(TsDataset) ds = import_full (paths, mapping);
  const TsCases *c = ts_dataset_get_cases (ds);
  int ana = customer (ds, "ana@example.com");
  int bob = customer (ds, "bob@example.org");   /* Bob@Example.org, lower-cased */
  int carla = customer (ds, CARLA);              /* no e-mail: her Id */

  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_ID), ==, "ana@example.com");
  g_assert_cmpstr (customer_str (ds, bob, TS_CUSTOMER_ID), ==, "bob@example.org");
  g_assert_cmpstr (customer_str (ds, carla, TS_CUSTOMER_ID), ==, CARLA);
  /* cases 1 and 3 of the export, and case 8 of the other extract, which
   * names Ana by her (15-character) Contact Id: joined through the alias */
  g_assert_cmpuint (n_of (c->by_customer, ana), ==, 3);
  g_assert_cmpint (c->customer[case_row (ds, CASE8)], ==, ana);
  g_assert_cmpint (c->customer[case_row (ds, CASE2)], ==, bob);
  /* case 9's contact is in no source */
  g_assert_cmpint (ts_dataset_get_n_implicit_customers (ds), ==, 1);
  /* and that is said */
  {
    GPtrArray *notes = ts_source_info_get_notes (ts_dataset_get_sources (ds)->pdata[0]);
    gboolean said = FALSE;
    for (guint i = 0; i < notes->len; i++)
      said |= strstr (notes->pdata[i], "1 contacts have no Email") != NULL;
    g_assert_true (said);
  }
}

static void
test_identity_external_id (void)
{
  g_autoptr(TsMapping) mapping = mapping_from ("{\"identity\": \"External_Id__c\"}");
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  g_autofree char *other = data_path ("dataloader", "extract.csv", NULL);
  const char *paths[] = { zip, other, NULL };
  g_autoptr(TsDataset) ds = import_full (paths, mapping);
  const TsCases *c = ts_dataset_get_cases (ds);
  int ana = customer (ds, "EXT-001");
  int bob = customer (ds, "EXT-002");

  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_ID), ==, "EXT-001");
  g_assert_cmpstr (customer_str (ds, ana, TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  g_assert_cmpuint (n_of (c->by_customer, ana), ==, 3);
  g_assert_cmpint (c->customer[case_row (ds, CASE2)], ==, bob);
  /* Carla has no external id: her Contact Id */
  g_assert_cmpstr (customer_str (ds, customer (ds, CARLA), TS_CUSTOMER_ID), ==, CARLA);
  g_assert_cmpint (ts_dataset_find_customer (ds, "EXT-OLD"), <, 0);   /* merged away */
}

static void
test_ids_from_other_sources (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-sf-join-XXXXXX", NULL);
  g_autofree char *survey = g_build_filename (tmp, "survey.csv", NULL);
  g_autofree char *usage = g_build_filename (tmp, "usage.csv", NULL);
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  const char *paths[] = { zip, survey, usage, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  const TsResponses *r;
  const TsEvents *e;
  int ana;

  /* files of the generic CSV plugin: a survey keyed by the 15-character
   * Contact Id of a report, usage keyed by the Account Id */
  g_file_set_contents (survey, "customer_id,submitted_at,nps\n"
                               "0035g00000AnaSz,2023-07-01,7\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (usage, "customer_id,event,timestamp\n"
                              "0015g00000Acme1AAB,login,2023-07-02\n", -1, &error);
  g_assert_no_error (error);

  ds = import_full (paths, NULL);
  ana = customer (ds, ANA);
  r = ts_dataset_get_responses (ds);
  e = ts_dataset_get_events (ds);
  g_assert_cmpuint (n_of (r->by_customer, ana), ==, 2);   /* the export's, and the survey's */
  g_assert_cmpuint (n_of (e->by_customer, ana), ==, 3);   /* two opportunities, and the login */
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);

  g_remove (survey);
  g_remove (usage);
  g_rmdir (tmp);
}

/* ---------------------------------------------------------------------- */
/* counting, and bad input                                                */

static void
test_duplicates_counted (void)
{
  g_autoptr(TsDataset) ds = import_ok (EXPORT_ZIP, NULL, NULL);
  TsSourceInfo *info = only_source (ds);
  g_autoptr(JsonNode) node = ts_source_info_to_json (info);
  JsonObject *o = json_node_get_object (node);
  JsonObject *dropped = json_object_get_object_member (o, "dropped");

  /* Contact and Case Ids repeated, a merged contact, an e-mail that is a task */
  g_assert_cmpint (json_object_get_int_member (dropped, "duplicate"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (dropped, "no_identity"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (dropped, "unparseable"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "records"), ==, 49);
  g_assert_true (has_problem (ds, EXPORT_ZIP "/Contact.csv", 6, 1, "0035g00000AnaSzAAJ again"));
  g_assert_true (has_problem (ds, EXPORT_ZIP "/Case.csv", 7, 1, "5005g00000Case1AAB again"));
  /* the case with an unreadable CreatedDate: file, entry, line and column */
  g_assert_true (has_problem (ds, EXPORT_ZIP "/Case.csv", 9, 18, "“yesterday”"));
  g_assert_true (has_problem (ds, EXPORT_ZIP "/Task.csv", 6, 0, "no WhoId"));
}

static void
test_unsafe_zip_entry (void)
{
  g_autofree char *path = data_path ("evil.zip", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = ts_importer_import (plugins, paths, NULL, NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (error->message, "evil.zip"));
  g_assert_nonnull (strstr (error->message, "“../evil.csv”"));
}

static void
test_broken_entry (void)
{
  g_autoptr(TsDataset) ds = import_ok ("broken-entry.zip", NULL, NULL);
  const TsCases *c = ts_dataset_get_cases (ds);

  /* the record before the broken one is kept, the good entry is read */
  g_assert_cmpuint (c->n_rows, ==, 1);
  g_assert_cmpint (case_row (ds, CASE1), ==, 0);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), >=, 3);
  g_assert_true (has_problem (ds, "broken-entry.zip/Case.csv", 0, 0, "line 3"));
  g_assert_cmpuint (ts_source_info_get_dropped (only_source (ds), TS_DROP_UNPARSEABLE), ==, 1);
}

static void
test_folder_one_source (void)
{
  TsSource *sf = ts_plugin_manager_find_source (plugins, "salesforce");
  g_autofree char *folder = data_path ("export", NULL);
  g_autoptr(TsDataset) ds = import_ok ("export", NULL, NULL);
  g_autoptr(TsDataset) zip = import_ok (EXPORT_ZIP, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  TsSourceInfo *info;

  g_assert_cmpuint (ts_source_probe (sf, file, NULL), >=, 70);
  /* the importer hands the folder over whole: one source, as from the zip */
  info = only_source (ds);
  g_assert_cmpstr (ts_source_info_get_path (info), ==, folder);
  for (guint t = 0; t < TS_N_TABLES; t++)
    g_assert_cmpuint (ts_dataset_get_n_rows (ds, (TsTable) t), ==,
                      ts_dataset_get_n_rows (zip, (TsTable) t));
  g_assert_cmpuint (ts_source_info_get_records (info), ==,
                    ts_source_info_get_records (only_source (zip)));
  g_assert_cmpint (ts_dataset_get_cases (ds)->first_response_at[case_row (ds, CASE1)], ==,
                   iso ("2023-01-15T11:00:00Z"));
}

static void
test_folder_of_parts (void)
{
  g_autoptr(TsDataset) ds = import_ok ("parts", NULL, NULL);
  const TsCases *c = ts_dataset_get_cases (ds);
  int k1;

  /* WE_…_1.ZIP has the contacts, WE_…_2.ZIP their cases and comments */
  only_source (ds);
  g_assert_cmpuint (c->n_rows, ==, 4);
  k1 = case_row (ds, CASE1);
  g_assert_cmpint (c->customer[k1], ==, customer (ds, ANA));
  g_assert_cmpint (c->first_response_at[k1], ==, iso ("2023-01-15T11:00:00Z"));
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);
}

/* The inspect report of `touchstone-cli inspect --json`, as scripts read it. */
static void
test_inspect_json (void)
{
  g_autofree char *zip = data_path (EXPORT_ZIP, NULL);
  const char *cli = g_getenv ("TS_CLI");
  const char *argv[] = { cli, "inspect", "--json", "--quiet", zip, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *tables, *source, *ids;
  int status = 0;
  gboolean warned = FALSE;
  JsonArray *warnings;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  source = json_array_get_object_element (json_object_get_array_member (root, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "plugin"), ==, "salesforce");
  g_assert_cmpint (json_object_get_int_member (source, "records"), ==, 49);
  g_assert_cmpstr (json_object_get_string_member (source, "identity"), ==, "id");

  tables = json_object_get_object_member (root, "tables");
#define ROWS(t) json_object_get_int_member (json_object_get_object_member (tables, t), "rows")
#define TIME(t, k) json_object_get_string_member (json_object_get_object_member (tables, t), k)
  g_assert_cmpint (ROWS ("customers"), ==, 4);
  g_assert_cmpint (ROWS ("cases"), ==, 4);
  g_assert_cmpint (ROWS ("touches"), ==, 7);
  g_assert_cmpint (ROWS ("events"), ==, 4);
  g_assert_cmpint (ROWS ("responses"), ==, 2);
  g_assert_cmpstr (TIME ("cases", "first"), ==, "2023-01-15T10:22:31Z");
  g_assert_cmpstr (TIME ("cases", "last"), ==, "2023-04-01T00:00:00Z");
  g_assert_cmpstr (TIME ("events", "last"), ==, "2024-01-31T00:00:00Z");
  g_assert_cmpstr (TIME ("touches", "first"), ==, "2023-01-16T00:00:00Z");
#undef ROWS
#undef TIME

  ids = json_object_get_object_member (root, "identities");
  g_assert_cmpint (json_object_get_int_member (ids, "from_customer_files"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (ids, "only_in_other_tables"), ==, 0);

  warnings = json_object_get_array_member (root, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      if (g_str_has_suffix (json_object_get_string_member (w, "path"), EXPORT_ZIP "/Case.csv") &&
          json_object_get_int_member (w, "line") == 9 &&
          json_object_get_int_member (w, "column") == 18)
        warned = TRUE;
    }
  g_assert_true (warned);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  plugins = ts_plugin_manager_new (NULL);

  g_test_add_func ("/plugins/salesforce/discovery", test_discovery);
  g_test_add_func ("/plugins/salesforce/probe", test_probe);
  g_test_add_func ("/plugins/salesforce/preview", test_preview);
  g_test_add_func ("/plugins/salesforce/ids/15-to-18", test_ids_15_to_18);
  g_test_add_func ("/plugins/salesforce/ids/null-lookup", test_null_lookup);
  g_test_add_func ("/plugins/salesforce/times/offset-without-colon", test_offsets_without_colon);
  g_test_add_func ("/plugins/salesforce/times/date-only-not-shifted", test_date_only_not_shifted);
  g_test_add_func ("/plugins/salesforce/csv/dataloader-headers-any-case",
                   test_dataloader_headers_any_case);
  g_test_add_func ("/plugins/salesforce/csv/bom-crlf", test_bom_crlf);
  g_test_add_func ("/plugins/salesforce/csv/report-footer", test_report_footer);
  g_test_add_func ("/plugins/salesforce/json/rest-attributes", test_rest_json);
  g_test_add_func ("/plugins/salesforce/json/parse-error-names-place", test_bad_json);
  g_test_add_func ("/plugins/salesforce/export/first-response", test_first_response);
  g_test_add_func ("/plugins/salesforce/export/touch-channels", test_touch_channels);
  g_test_add_func ("/plugins/salesforce/export/opportunities", test_opportunities);
  g_test_add_func ("/plugins/salesforce/export/survey-responses", test_survey_responses);
  g_test_add_func ("/plugins/salesforce/export/custom-object-mapped", test_custom_object_mapped);
  g_test_add_func ("/plugins/salesforce/identity/id", test_identity_id);
  g_test_add_func ("/plugins/salesforce/identity/email", test_identity_email);
  g_test_add_func ("/plugins/salesforce/identity/external-id", test_identity_external_id);
  g_test_add_func ("/plugins/salesforce/identity/ids-from-other-sources",
                   test_ids_from_other_sources);
  g_test_add_func ("/plugins/salesforce/count/duplicates", test_duplicates_counted);
  g_test_add_func ("/plugins/salesforce/bad/unsafe-zip-entry", test_unsafe_zip_entry);
  g_test_add_func ("/plugins/salesforce/bad/broken-entry", test_broken_entry);
  g_test_add_func ("/plugins/salesforce/folder/one-source", test_folder_one_source);
  g_test_add_func ("/plugins/salesforce/folder/export-parts", test_folder_of_parts);
  g_test_add_func ("/plugins/salesforce/inspect/json", test_inspect_json);

  ret = g_test_run ();
  g_object_unref (plugins);
  return ret;
}
