package io.camstream.operator.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.camstream.operator.api.reading.LenientSpecDeserializer;
import io.camstream.operator.api.reading.LenientStatusDeserializer;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.UnreadableSpec;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A set of cameras served by one MediaMTX server; the only resource users write. */
@Group(CameraStream.GROUP)
@Version(CameraStream.VERSION)
@Kind("CameraStream")
@Plural("camerastreams")
@ShortNames("cams")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyCameras",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: spec.cameras lists at least one camera",
    reason = "FieldValueRequired")
@ValidationRule(value = "self.metadata.name.size() <= " + CameraStream.NAME_MAX_LENGTH
    + " && self.metadata.name.matches('" + CameraStream.NAME_PATTERN + "')",
    message = "metadata.name must be a DNS-1035 label (lowercase letters, digits, '-', starting with a letter) of at"
        + " most " + CameraStream.NAME_MAX_LENGTH + " characters: it prefixes the Service <name>-mediamtx-internal",
    reason = "FieldValueInvalid")
public class CameraStream extends CustomResource<CameraStreamSpec, CameraStreamStatus> implements Namespaced {
  public static final String GROUP = "camstream.io";
  public static final String VERSION = "v1alpha1";
  /** Leaves room for the "-mediamtx-internal" suffix within a 63-character DNS-1035 Service name. */
  public static final int NAME_MAX_LENGTH = 45;
  public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  /**
   * Read leniently: one CameraStream this version cannot read (see {@link UnreadableSpec}) must not break the
   * informer's list or watch, which would stop reconciling every other CameraStream.
   */
  @Override
  @JsonDeserialize(using = LenientSpecDeserializer.class)
  public void setSpec(CameraStreamSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = LenientStatusDeserializer.class)
  public void setStatus(CameraStreamStatus status) {
    super.setStatus(status);
  }
}
