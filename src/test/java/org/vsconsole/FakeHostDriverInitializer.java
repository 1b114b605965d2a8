package org.vsconsole;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;

/**
 * Puts a {@link FakeHostDriver} in place of the driver the console would pick, before any bean is
 * made: as root the console would otherwise pick the linux driver and run containers on the test
 * machine. An initializer rather than a per-class {@code @TestBean}, because an override declared
 * on test classes is part of the context cache key, and every Spring test must share one context.
 *
 * <p>It also numbers the contexts it sees start ("Spring test context 1 starting") and refuses a
 * second one in the same JVM: a test class that changes the cache key would otherwise quietly
 * start another application, with a second tree watcher and sampler writing into the same data
 * dir, and bring back the races one context removed.
 */
public class FakeHostDriverInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(FakeHostDriverInitializer.class);
    private static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int start = STARTS.incrementAndGet();
        log.info("Spring test context {} starting", start);
        if (start > 1) {
            throw new IllegalStateException("a second Spring test context: the first test class to fail here changes"
                    + " the context cache key (a @TestBean, @MockitoBean, @TestPropertySource, @DynamicPropertySource,"
                    + " profile, initializer or @DirtiesContext); use @ConsoleSpringTest as it is");
        }
        // Runs after the configuration classes registered their beans, so the console's own
        // hostDriver definition exists here and is replaced rather than added beside.
        context.addBeanFactoryPostProcessor(FakeHostDriverInitializer::replaceDriver);
    }

    private static void replaceDriver(ConfigurableListableBeanFactory beanFactory) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
        if (registry.containsBeanDefinition("hostDriver")) {
            registry.removeBeanDefinition("hostDriver");
        }
        RootBeanDefinition fake = new RootBeanDefinition(FakeHostDriver.class,
                () -> new FakeHostDriver(() -> beanFactory.getBean(HostProperties.class).configRoot()));
        fake.setTargetType(FakeHostDriver.class);
        registry.registerBeanDefinition("hostDriver", fake);
        if (beanFactory.getBeanNamesForType(HostDriver.class).length != 1) {
            throw new IllegalStateException("more than one HostDriver bean beside the fake");
        }
    }
}
