package io.github.dbexec;

/** The kind of a job's task, as its settings name it; used by {@link RunNowRequest.Builder#validate(TaskType)}. */
public enum TaskType {
  /** {@code notebook_task}: takes {@code notebook_params}. */
  NOTEBOOK("notebook_task"),
  /** {@code spark_jar_task}: takes {@code jar_params}. */
  JAR("spark_jar_task"),
  /** {@code spark_python_task}: takes {@code python_params}. */
  PYTHON("spark_python_task");

  private final String field;

  TaskType(String field) {
    this.field = field;
  }

  /** The task field in the job's settings, e.g. {@code notebook_task}. */
  public String field() {
    return field;
  }
}
