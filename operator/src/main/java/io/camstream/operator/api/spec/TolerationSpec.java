package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A toleration of the streamer pod, the fields of a pod spec's toleration with the bounds and rules the API server
 * applies to it ({@code ValidateTolerations}), so a bad one is refused when the CameraStream is applied instead of
 * failing every write of the camera's Deployment.
 */
@ValidationRule(value = "(has(self.key) && self.key != '') || (has(self.operator) && self.operator == 'Exists')",
    message = "operator must be Exists when key is empty (a toleration of every taint)", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
    message = "value must be empty when operator is Exists", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
    message = "tolerationSeconds needs effect NoExecute", reason = "FieldValueInvalid")
public class TolerationSpec {
  /** A label key, or empty (with {@code Exists}: every key). */
  public static final String KEY_PATTERN = "^(([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$";
  public static final int KEY_MAX_LENGTH = 317;
  public static final String OPERATOR_PATTERN = "^(Equal|Exists)?$";
  public static final String EFFECT_PATTERN = "^(NoSchedule|PreferNoSchedule|NoExecute)?$";

  @Pattern(KEY_PATTERN)
  @Size(max = KEY_MAX_LENGTH)
  private String key;

  /** {@code Equal} (the default) or {@code Exists}. */
  @Pattern(OPERATOR_PATTERN)
  @Size(max = 6)
  private String operator;

  @Pattern(CameraSpec.LABEL_VALUE_PATTERN)
  @Size(max = CameraSpec.LABEL_VALUE_MAX_LENGTH)
  private String value;

  /** Empty: every effect. */
  @Pattern(EFFECT_PATTERN)
  @Size(max = 16)
  private String effect;

  /** With {@code NoExecute}: how long the pod stays once the taint appears; forever when left out. */
  @Min(0)
  private Long tolerationSeconds;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getOperator() {
    return operator;
  }

  public void setOperator(String operator) {
    this.operator = operator;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getEffect() {
    return effect;
  }

  public void setEffect(String effect) {
    this.effect = effect;
  }

  public Long getTolerationSeconds() {
    return tolerationSeconds;
  }

  public void setTolerationSeconds(Long tolerationSeconds) {
    this.tolerationSeconds = tolerationSeconds;
  }
}
