package io.liaison.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LifecycleProperties {

    @Property
    void terminationNotice_takesEffectOnAnAnniversaryAtLeastTheNoticePeriodLater(
            @ForAll @IntRange(min = 0, max = 3000) int daysAfterEntry, @ForAll @IntRange(min = 0, max = 400) int noticeDays) {
        LocalDate entry = LocalDate.of(2016, 11, 23);
        LocalDate notice = entry.plusDays(daysAfterEntry);
        LocalDate effective = Lifecycle.effectiveTermination(entry, Optional.of(Period.ofYears(1)),
                Period.ofDays(noticeDays), notice);
        assertThat(effective.getMonthValue()).isEqualTo(11);
        assertThat(effective.getDayOfMonth()).isEqualTo(23);
        assertThat(notice.plusDays(noticeDays)).isBeforeOrEqualTo(effective);
        LocalDate previous = effective.minusYears(1);
        if (previous.isAfter(entry)) {
            // The anniversary before was too close: it is the first one that counts.
            assertThat(notice.plusDays(noticeDays)).isAfter(previous);
        }
    }
}
