/* ts-import-job.c — progress of a running import
 *
 * Workers call ts_import_job_update() as often as they like; the values are
 * kept under a mutex and one low-priority idle on the job's main context
 * notifies "fraction" and "message", so a progress bar bound to them is
 * redrawn at most once per main-loop turn.  A sub-range lets one file's
 * import report 0…1 while it is one part of a larger job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-import-job"
#define TS_CORE_COMPILATION

#include "config.h"

#include "ts-import-job.h"

struct _TsImportJob
{
  GObject       parent_instance;
  GMutex        mutex;
  GMainContext *context;
  double        fraction;
  char         *message;
  double        range_start;
  double        range_end;
  guint         idle_id;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TsImportJob, ts_import_job, G_TYPE_OBJECT)

static void
ts_import_job_finalize (GObject *object)
{
  TsImportJob *self = (TsImportJob *) object;

  g_mutex_lock (&self->mutex);
  if (self->idle_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->idle_id);
      if (source)
        g_source_destroy (source);
      self->idle_id = 0;
    }
  g_mutex_unlock (&self->mutex);

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ts_import_job_parent_class)->finalize (object);
}

static void
ts_import_job_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TsImportJob *self = TS_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, ts_import_job_get_fraction (self));
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, ts_import_job_dup_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_import_job_class_init (TsImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ts_import_job_finalize;
  object_class->get_property = ts_import_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ts_import_job_init (TsImportJob *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
  self->range_start = 0.0;
  self->range_end = 1.0;
}

TsImportJob *
ts_import_job_new (void)
{
  return g_object_new (TS_TYPE_IMPORT_JOB, NULL);
}

double
ts_import_job_get_fraction (TsImportJob *self)
{
  double ret;

  g_return_val_if_fail (TS_IS_IMPORT_JOB (self), 0.0);

  g_mutex_lock (&self->mutex);
  ret = self->fraction;
  g_mutex_unlock (&self->mutex);
  return ret;
}

char *
ts_import_job_dup_message (TsImportJob *self)
{
  char *ret;

  g_return_val_if_fail (TS_IS_IMPORT_JOB (self), NULL);

  g_mutex_lock (&self->mutex);
  ret = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return ret;
}

static gboolean
notify_idle (gpointer data)
{
  TsImportJob *self = data;

  g_mutex_lock (&self->mutex);
  self->idle_id = 0;
  g_mutex_unlock (&self->mutex);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  return G_SOURCE_REMOVE;
}

/**
 * ts_import_job_update:
 * @fraction: progress within the current range, 0…1
 * @message: (nullable): what is happening, or %NULL to keep the last message
 *
 * May be called from any thread.
 */
void
ts_import_job_update (TsImportJob *self,
                      double       fraction,
                      const char  *message)
{
  if (self == NULL)
    return;

  g_return_if_fail (TS_IS_IMPORT_JOB (self));

  g_mutex_lock (&self->mutex);
  fraction = CLAMP (fraction, 0.0, 1.0);
  self->fraction = self->range_start + (self->range_end - self->range_start) * fraction;
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (self->idle_id == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, notify_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[touchstone] import progress");
      self->idle_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * ts_import_job_set_range:
 *
 * Makes later updates' 0…1 cover @start…@end of the whole job.
 */
void
ts_import_job_set_range (TsImportJob *self,
                         double       start,
                         double       end)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->range_start = start;
  self->range_end = end;
  g_mutex_unlock (&self->mutex);
}
