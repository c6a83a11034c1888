package io.camstream.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.EventProcessor;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure's stack trace is logged once, then one line per retry; JOSDK's own per-retry stack trace is off. */
class FailureLogTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(CameraStreamReconciler.class);
  private final FailureLog failures = new FailureLog();
  private final CameraStream site = CameraStreams.of("cameras", "site", CameraStreams.testPattern("lobby"));

  @BeforeEach
  void capture() {
    logs.start();
    log.addAppender(logs);
  }

  @AfterEach
  void release() {
    log.detachAppender(logs);
  }

  @Test
  void aPersistingFailureHasItsStackTraceLoggedOnceThenOneLinePerRetry() {
    for (int attempt = 0; attempt < 8; attempt++) {
      failures.failed(site, forbidden(), retry(attempt));
    }

    assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO, Level.INFO,
        Level.WARN, Level.WARN, Level.WARN, Level.WARN, Level.WARN);
    assertThat(logs.list).filteredOn(event -> event.getThrowableProxy() != null).singleElement()
        .satisfies(event -> assertThat(event.getFormattedMessage()).contains("cameras/site", "ApiForbidden",
            "4 attempts"));
    assertThat(logs.list.get(7).getFormattedMessage()).contains("8 attempts", "update deployments cameras/site-lobby");
  }

  @Test
  void aRejectedObjectIsReportedAtOnceWithItsStackTrace() {
    failures.failed(site, rejected(), retry(0));
    failures.failed(site, rejected(), retry(1));

    assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
    assertThat(logs.list.get(0).getThrowableProxy()).isNotNull();
    assertThat(logs.list.get(0).getFormattedMessage()).contains("ApiRejected", "(1 attempt, still retrying)");
    assertThat(logs.list.get(1).getThrowableProxy()).isNull();
  }

  @Test
  void anotherFailureOrTheSameAfterASuccessGetsItsStackTraceAgain() {
    failures.failed(site, rejected(), retry(0));
    failures.failed(site, forbidden(), retry(4));
    failures.failed(site, forbidden(), retry(5));
    failures.succeeded(site);
    failures.failed(site, forbidden(), retry(4));

    assertThat(logs.list).extracting(event -> event.getThrowableProxy() != null)
        .containsExactly(true, true, false, true);
  }

  /** The shipped configuration: JOSDK's per-attempt WARN (with its stack trace) is off, camstream's INFO is on. */
  @Test
  void theShippedLoggingConfigurationLeavesTheStackTraceToTheErrorPolicy() throws Exception {
    LoggerContext shipped = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(shipped);
    URL logbackXml = FailureLogTest.class.getClassLoader().getResource("logback.xml");
    assertThat(logbackXml).as("logback.xml of the operator").isNotNull();
    configurator.doConfigure(logbackXml);

    assertThat(shipped.getLogger(EventProcessor.class).isWarnEnabled()).isFalse();
    assertThat(shipped.getLogger(EventProcessor.class).isErrorEnabled()).isTrue();
    assertThat(shipped.getLogger(CameraStreamReconciler.class).isInfoEnabled()).isTrue();
    assertThat(shipped.getLogger("io.javaoperatorsdk.operator.Operator").isInfoEnabled()).isTrue();
    shipped.stop();
  }

  private static KubernetesClientException forbidden() {
    return failure(403, "deployments.apps \"site-lobby\" is forbidden: denied by policy");
  }

  private static KubernetesClientException rejected() {
    return failure(422, "Deployment.apps \"site-lobby\" is invalid: spec.template.spec.containers[0].resources");
  }

  private static KubernetesClientException failure(int code, String message) {
    return new KubernetesClientException("Failure executing: PUT at: "
        + "https://10.0.0.1/apis/apps/v1/namespaces/cameras/deployments/site-lobby. Message: " + message + ".", code,
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  private static RetryInfo retry(int attemptCount) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return attemptCount;
      }

      @Override
      public boolean isLastAttempt() {
        return false;
      }
    };
  }
}
