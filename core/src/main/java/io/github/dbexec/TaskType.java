package io.github.dbexec;

/**
 * The kind of a task, as the Jobs API names its field: the task types of a saved job
 * ({@link RunNowRequest.Builder#validate(TaskType)}, {@link JobInfo#taskTypes()}) and of a one-time run's tasks
 * ({@link SubmitTask#taskType()}).
 */
public enum TaskType {
  /** {@code notebook_task}: takes {@code notebook_params}. */
  NOTEBOOK("notebook_task"),
  /** {@code spark_jar_task}: takes {@code jar_params}. */
  JAR("spark_jar_task"),
  /** {@code spark_python_task}: takes {@code python_params}. */
  PYTHON("spark_python_task"),
  /** {@code python_wheel_task}: takes {@code python_params} or {@code python_named_params}. */
  PYTHON_WHEEL("python_wheel_task"),
  /** {@code spark_submit_task}: takes {@code spark_submit_params}. */
  SPARK_SUBMIT("spark_submit_task"),
  /** {@code sql_task}: takes {@code sql_params}; runs on a SQL warehouse. */
  SQL("sql_task"),
  /** {@code dbt_task}: takes {@code dbt_commands}. */
  DBT("dbt_task"),
  /** {@code pipeline_task}: a Lakeflow Declarative (Delta Live Tables) pipeline update; takes {@code pipeline_params}. */
  PIPELINE("pipeline_task");

  private final String field;

  TaskType(String field) {
    this.field = field;
  }

  /** {@return the task field in the job's settings, e.g. {@code notebook_task}} */
  public String field() {
    return field;
  }
}
