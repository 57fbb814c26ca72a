package io.github.dbexec.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations dbexec makes, with their key values. Low-cardinality keys become metric tags and span tags; they
 * take values from small fixed sets (never a run id, a parameter or an idempotency key). High-cardinality keys
 * (ids) go to spans only.
 */
public enum DbexecObservationDocumentation implements ObservationDocumentation {

  /**
   * One submission, from the caller's request to the run it started (queue report included) or the exception it
   * threw. Timer {@code dbexec.submission}; long task timer {@code dbexec.submission.active}.
   */
  SUBMISSION {
    @Override
    public String getName() {
      return "dbexec.submission";
    }

    @Override
    public String getContextualName() {
      return "dbexec submission";
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return SubmissionLowKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return new KeyName[] {HighKeys.JOB_ID, HighKeys.RUN_ID, HighKeys.ATTEMPTS};
    }
  },

  /**
   * One HTTP request to the Jobs API (each retry is another), child of the submission or wait it serves. Timer
   * {@code dbexec.http.attempt}.
   */
  HTTP_ATTEMPT {
    @Override
    public String getName() {
      return "dbexec.http.attempt";
    }

    @Override
    public String getContextualName() {
      return "dbexec http attempt";
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return AttemptLowKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return new KeyName[] {HighKeys.JOB_ID, HighKeys.RUN_ID, HighKeys.ATTEMPT};
    }
  },

  /**
   * One wait for a run to end, polling {@code jobs/runs/get}. Timer {@code dbexec.wait}; each poll is an event
   * {@code poll} (counter {@code dbexec.wait.poll}).
   */
  WAIT {
    @Override
    public String getName() {
      return "dbexec.wait";
    }

    @Override
    public String getContextualName() {
      return "dbexec wait";
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return WaitLowKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return new KeyName[] {HighKeys.JOB_ID, HighKeys.RUN_ID, HighKeys.POLLS};
    }
  };

  /** Low-cardinality keys of {@link #SUBMISSION}. */
  public enum SubmissionLowKeys implements KeyName {
    /** {@code jobs/run-now} or {@code jobs/runs/submit}. */
    ENDPOINT {
      @Override
      public String asString() {
        return "endpoint";
      }
    },
    /** {@code SUCCESS} (a run was started) or {@code FAILURE}. */
    OUTCOME {
      @Override
      public String asString() {
        return "outcome";
      }
    },
    /** What Databricks did with the run: {@code STARTED}, {@code QUEUED}, {@code SKIPPED}, {@code UNKNOWN}; {@code NONE} when no run. */
    QUEUE_OUTCOME {
      @Override
      public String asString() {
        return "queue.outcome";
      }
    },
    /** The simple class name of the exception thrown to the caller, or {@code none}. */
    EXCEPTION {
      @Override
      public String asString() {
        return "exception";
      }
    }
  }

  /** Low-cardinality keys of {@link #HTTP_ATTEMPT}. */
  public enum AttemptLowKeys implements KeyName {
    /** The HTTP method. */
    METHOD {
      @Override
      public String asString() {
        return "method";
      }
    },
    /** The endpoint relative to {@code /api/2.x/}, e.g. {@code jobs/run-now}, {@code jobs/runs/get}. */
    ENDPOINT {
      @Override
      public String asString() {
        return "endpoint";
      }
    },
    /** The HTTP status code, or {@code NONE} when no answer arrived. */
    STATUS {
      @Override
      public String asString() {
        return "status";
      }
    },
    /**
     * The status class: {@code SUCCESS}, {@code REDIRECTION}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, or
     * {@code UNKNOWN} when no answer arrived.
     */
    OUTCOME {
      @Override
      public String asString() {
        return "outcome";
      }
    },
    /** Why the attempt failed ({@code RATE_LIMITED}, {@code TIMEOUT}, ... see dbexec's {@code FailureCause}), or {@code none}. */
    CAUSE {
      @Override
      public String asString() {
        return "cause";
      }
    },
    /** The simple class name of the attempt's failure, or {@code none}. */
    EXCEPTION {
      @Override
      public String asString() {
        return "exception";
      }
    }
  }

  /** Low-cardinality keys of {@link #WAIT}. */
  public enum WaitLowKeys implements KeyName {
    /** {@code TERMINATED}, {@code TIMED_OUT}, {@code FAILED} or {@code CANCELLED}. */
    OUTCOME {
      @Override
      public String asString() {
        return "outcome";
      }
    },
    /** The run's result state ({@code SUCCESS}, {@code FAILED}, {@code CANCELED}, ...), or {@code NONE}. */
    RESULT_STATE {
      @Override
      public String asString() {
        return "result.state";
      }
    },
    /** The simple class name of what the wait threw, or {@code none}. */
    EXCEPTION {
      @Override
      public String asString() {
        return "exception";
      }
    }
  }

  /** High-cardinality keys (spans only). */
  public enum HighKeys implements KeyName {
    /** The job's {@code job_id}, when there is one. */
    JOB_ID {
      @Override
      public String asString() {
        return "dbexec.job.id";
      }
    },
    /** The run's {@code run_id}, once known. */
    RUN_ID {
      @Override
      public String asString() {
        return "dbexec.run.id";
      }
    },
    /** The number of this HTTP attempt, from 1. */
    ATTEMPT {
      @Override
      public String asString() {
        return "dbexec.attempt";
      }
    },
    /** How many HTTP attempts a submission made. */
    ATTEMPTS {
      @Override
      public String asString() {
        return "dbexec.attempts";
      }
    },
    /** How many polls a wait made. */
    POLLS {
      @Override
      public String asString() {
        return "dbexec.polls";
      }
    }
  }
}
