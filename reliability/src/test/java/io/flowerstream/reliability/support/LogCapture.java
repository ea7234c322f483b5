package io.flowerstream.reliability.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while it is open, formatted as a log line would print it, stack
 * traces included. {@code level} lowers the threshold of the loggers that matter for the time
 * of the capture (the embedded servers are quieted to WARN by test-support's logback-test.xml),
 * so that a secret logged at INFO is seen too.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> LOGGERS = List.of(
            Logger.ROOT_LOGGER_NAME,
            "io.flowerstream",
            "org.apache.kafka",
            "kafka",
            "org.gaul",
            "org.jclouds",
            "jclouds",
            "org.eclipse.jetty",
            "ai.djl",
            "io.minio",
            "okhttp3");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final List<Level> before;

    private LogCapture(Level level) {
        appender.setContext(context);
        appender.start();
        before =
                LOGGERS.stream().map(name -> context.getLogger(name).getLevel()).toList();
        if (level != null) {
            for (String name : LOGGERS) {
                Logger logger = context.getLogger(name);
                logger.setLevel(level);
                if (isThirdParty(name)) {
                    // Captured here only, so that their INFO chatter (client-config dumps) stays off the console.
                    logger.addAppender(appender);
                    logger.setAdditive(false);
                }
            }
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Captures every event at {@code level} or above, from every logger (the embedded servers' included). */
    public static LogCapture atLevel(Level level) {
        return new LogCapture(level);
    }

    /** Captures what the loggers log at their configured levels (INFO for flowerstream's own). */
    public static LogCapture asConfigured() {
        return new LogCapture(null);
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(appender.list).stream().map(LogCapture::format).toList();
    }

    private static boolean isThirdParty(String name) {
        return !name.equals(Logger.ROOT_LOGGER_NAME) && !name.startsWith("io.flowerstream");
    }

    private static String format(ILoggingEvent e) {
        String line = e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage();
        return e.getThrowableProxy() == null ? line : line + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
    }

    @Override
    public void close() {
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger logger = context.getLogger(LOGGERS.get(i));
            logger.detachAppender(appender);
            logger.setLevel(before.get(i));
            logger.setAdditive(true);
        }
        appender.stop();
    }
}
