/** Translation of labels between national classification schemes through agreement tables (R2, R3). */
package io.liaison.core.translation;
