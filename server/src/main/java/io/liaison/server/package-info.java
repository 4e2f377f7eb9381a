package io.liaison.server;
